import {
  closeSync,
  fchmodSync,
  fsyncSync,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces a file's content so that a reader (or a crash) sees either the old file or the new one,
 * never half of each: the new content goes to a temp file in the same folder, is flushed to disk,
 * and renamed over the target. A symlinked target (dotfile managers link `~/.aws/config`) is
 * written through the link. Its permission bits are kept, and a new file is private (0600), as the
 * AWS CLI creates ~/.aws/config; `options.mode` sets them instead, whatever the file had and
 * whatever the umask (0644 for a page meant to be published).
 */
export function writeFileAtomic(path: string, content: string, options: { readonly mode?: number } = {}): void {
  let target = path;
  let mode = 0o600;
  try {
    target = realpathSync(path);
    mode = statSync(target).mode & 0o7777;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (options.mode !== undefined) mode = options.mode;
  const temp = join(dirname(target), `.${basename(target)}.zone-access-${process.pid}-${Date.now()}.tmp`);
  try {
    const fd = openSync(temp, 'wx', mode);
    try {
      fchmodSync(fd, mode);
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}
