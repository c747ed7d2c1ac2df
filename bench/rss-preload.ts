import { writeFileSync } from 'node:fs';

/**
 * Fallback probe for machines without GNU time: `node -r dist/bench/rss-preload.js ...` writes
 * `<maxRSS KiB> <user µs> <system µs>` from `process.resourceUsage()` to $ZONE_ACCESS_BENCH_RSS_FILE
 * when the process exits (the same three figures `/usr/bin/time -f '%M %U %S'` gives).
 */
const file = process.env.ZONE_ACCESS_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, `${usage.maxRSS} ${usage.userCPUTime} ${usage.systemCPUTime}\n`);
  });
}
