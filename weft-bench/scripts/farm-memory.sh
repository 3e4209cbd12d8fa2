#!/usr/bin/env bash
# Flat memory on a 1,000,000-task range. Two parts, each printing a Markdown table:
#  1. The library: 1,000,000 tasks (in-JVM functions, so the run takes seconds, not hours) through the
#     whole farm (range source, bounded queue, 32 workers, journal, progress), in a JVM capped at
#     -Xmx32m with the launcher's ParallelGC; heap in use and RSS sampled every 100,000 tasks.
#  2. The command: `weft farm --range 0..1000000 -- true` (real processes, journal on) with -Xmx64m;
#     RSS and tasks done sampled every 10 s for SECONDS seconds (default 120; 0 = run to the end),
#     then stopped with SIGTERM (the journal lets --resume finish it).
#
#   weft-bench/scripts/farm-memory.sh [SECONDS=120]
set -euo pipefail
limit=${1:-120}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$root/bin/find-jdk"
weft_find_jdk
work=$(mktemp -d "${TMPDIR:-/tmp}/farm-memory.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$root" && ./mvnw -o -q -B package -DskipTests -pl weft-cli -am >"$work/build.log" 2>&1) || { cat "$work/build.log" >&2; exit 1; }

cat >"$work/Million.java" <<'JAVA'
import dev.weft.farm.run.*;
import dev.weft.farm.task.TaskSource;
import java.nio.file.*;
import java.util.concurrent.atomic.AtomicLong;

public class Million {
    static long statusKb(String field) throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) if (l.startsWith(field)) return Long.parseLong(l.replaceAll("\\D", ""));
        return -1;
    }
    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]);
        var done = new AtomicLong();
        var rows = new StringBuilder();
        TaskFunction fn = ctx -> {
            long d = done.incrementAndGet();
            if (d % 100_000 == 0) {
                var rt = Runtime.getRuntime();
                synchronized (rows) {
                    rows.append(String.format("| %,d | %.1f | %.1f | %.1f |%n", d, (rt.totalMemory() - rt.freeMemory()) / 1048576.0,
                            statusKb("VmRSS:") / 1024.0, statusKb("RssAnon:") / 1024.0));
                }
            }
        };
        var cfg = FarmConfig.builder(new TaskSource.Range(0, 1_000_000, 1), new TaskAction.Function(fn))
                .workers(32).stream(true).journal(dir.resolve("journal.tsv")).progress(dev.weft.farm.progress.Reporter.Mode.PLAIN)
                .progressInterval(java.time.Duration.ofSeconds(5)).build();
        FarmResult r = new Farm(cfg).run();
        System.out.println("| tasks done | heap in use MiB | RSS MiB | of which anonymous MiB |");
        System.out.println("|---:|---:|---:|---:|");
        System.out.print(rows);
        System.out.printf("%n%d ok, %d failed in %.1f s; journal %.1f MiB%n", r.ok(), r.failed(), r.elapsed().toMillis() / 1000.0,
                Files.size(dir.resolve("journal.tsv")) / 1048576.0);
        if (!r.success()) System.exit(1);
    }
}
JAVA
echo "### 1. Library: 1,000,000 in-JVM tasks, journal on, -Xmx32m"
echo
"$WEFT_JAVA_HOME/bin/java" -Xmx32m -XX:+UseParallelGC -cp "$root/weft-farm/target/classes" "$work/Million.java" "$work" 2>"$work/million.err" \
  || { cat "$work/million.err" >&2; exit 1; }
echo

echo "### 2. Command: weft farm --range 0..1000000 -j 32 --stream --journal J -- true, -Xmx64m"
echo
WEFT_NO_BUILD=1 WEFT_JAVA_OPTS=-Xmx64m "$root/weft" farm --range 0..1000000 -j 32 --stream --journal "$work/cli.tsv" \
  --progress none -- true >"$work/cli.log" 2>&1 &
launcher=$!
sleep 3
pid=$(pgrep -P "$launcher" java || echo "$launcher")   # the launcher execs java, so usually pid == launcher
echo "| seconds | tasks done | RSS MiB |"
echo "|---:|---:|---:|"
start=$(date +%s)
while kill -0 "$launcher" 2>/dev/null; do
  now=$(( $(date +%s) - start ))
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  doneN=$(grep -c $'^F\t' "$work/cli.tsv" 2>/dev/null || true)
  printf '| %d | %d | %.1f |\n' "$now" "$doneN" "$(echo "$rss / 1024" | bc -l)"
  if [ "$limit" -gt 0 ] && [ "$now" -ge "$limit" ]; then kill -TERM "$launcher"; wait "$launcher" || true; break; fi
  sleep 10
done
wait "$launcher" 2>/dev/null || true
echo
tail -3 "$work/cli.log" | grep -v WARNING || true
