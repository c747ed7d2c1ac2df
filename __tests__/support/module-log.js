// Preload (`node -r`): writes every module file the process loaded to $ZONE_ACCESS_MODULE_LOG at exit.
const { writeFileSync } = require('node:fs');
const Module = require('node:module');
const loaded = new Set();
const original = Module._load;
Module._load = function (request, parent, isMain) {
  try {
    loaded.add(Module._resolveFilename(request, parent, isMain));
  } catch {
    // unresolvable requests fail in the original loader below, with its own error
  }
  return original.apply(this, arguments);
};
process.on('exit', () => writeFileSync(process.env.ZONE_ACCESS_MODULE_LOG, [...loaded].join('\n') + '\n'));
