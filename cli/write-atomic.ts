import { closeSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces a file's content so that a reader (or a crash) sees either the old file or the new one,
 * never half of each: the new content goes to a temp file in the same folder, is flushed to disk,
 * and renamed over the target. A symlinked target (dotfile managers link `~/.aws/config`) is
 * written through the link, and the file's permission bits are kept.
 */
export function writeFileAtomic(path: string, content: string): void {
  let target = path;
  let mode = 0o600; // a new ~/.aws/config is private, as the AWS CLI creates it
  try {
    target = realpathSync(path);
    mode = statSync(target).mode & 0o7777;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const temp = join(dirname(target), `.${basename(target)}.zone-access-${process.pid}-${Date.now()}.tmp`);
  try {
    const fd = openSync(temp, 'wx', mode);
    try {
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
