#!/usr/bin/env python3
"""Run timeline's extract step under PySpark (local mode), then merge the parts.

    pip install pyspark            # needs Java 17
    python3 docs/examples/spark_extract.py --timeline .build/release/timeline \
        --corpus corpus --shards 4 --work /tmp/spark-timeline --events /tmp/spark-timeline/events.json

1. shard:   the corpus folder becomes N files of JSON lines, one document a line
            ({"id": relative path, "text": ...}); on a cluster these would already sit in HDFS or S3;
2. extract: Spark reads the shards and pipes every partition through `timeline extract --jsonl`
            (RDD.pipe: one process per partition, documents on its stdin, one result line per document
            on its stdout), and saves the result lines as a folder of part files;
3. merge:   `timeline merge` reads that folder and writes events.json (and, with --output, the
            rendered timelines): byte for byte what `timeline extract` of the whole corpus writes.

On a cluster, ship the timeline binary with the job (spark-submit --files timeline, or install it on every
worker) and point --timeline at it; see docs/scaling.md.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import time

DOCUMENT_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm")


def shard_corpus(corpus, shards_dir, shards):
    """Writes the corpus as `shards` JSON-lines files; returns the number of documents."""
    os.makedirs(shards_dir, exist_ok=True)
    paths = []
    for folder, dirs, files in os.walk(corpus):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(DOCUMENT_EXTENSIONS):
                paths.append(os.path.join(folder, name))
    outs = [open(os.path.join(shards_dir, "shard-%03d.jsonl" % k), "w", encoding="utf-8") for k in range(shards)]
    for i, path in enumerate(sorted(paths)):
        doc_id = os.path.relpath(path, corpus).replace(os.sep, "/")
        # Invalid UTF-8 is replaced by U+FFFD, as the corpus reader does; the sha256 of such a document is then
        # that of the repaired text, not of the file's bytes (docs/scaling.md).
        with open(path, encoding="utf-8", errors="replace", newline="") as f:
            text = f.read()
        line = json.dumps({"id": doc_id, "text": text}, ensure_ascii=False)
        outs[i % shards].write(line + "\n")
    for f in outs:
        f.close()
    return len(paths)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeline", default=".build/release/timeline", help="the timeline binary")
    parser.add_argument("--corpus", default="corpus", help="the corpus folder to shard")
    parser.add_argument("--shards", type=int, default=4, help="shard files (and Spark partitions)")
    parser.add_argument("--work", default="spark-work", help="folder for the shards and the parts")
    parser.add_argument("--events", default=None, help="the events.json to write (default: WORK/events.json)")
    parser.add_argument("--output", default=None, help="also render the timelines into this folder")
    parser.add_argument("--jobs", type=int, default=1, help="documents each extract process handles at once")
    args = parser.parse_args()

    timeline = os.path.abspath(args.timeline)
    work = os.path.abspath(args.work)
    events = os.path.abspath(args.events or os.path.join(work, "events.json"))
    shards_dir, parts_dir = os.path.join(work, "shards"), os.path.join(work, "parts")
    times = {}

    start = time.time()
    n = shard_corpus(args.corpus, shards_dir, args.shards)
    times["shard"] = time.time() - start

    from pyspark.sql import SparkSession  # imported late: --help works without pyspark

    start = time.time()
    spark = (SparkSession.builder.master("local[%d]" % max(1, os.cpu_count() or 1))
             .appName("timeline-extract").config("spark.ui.enabled", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    times["spark start"] = time.time() - start

    start = time.time()
    lines = spark.sparkContext.textFile(shards_dir, minPartitions=args.shards)
    command = "%s extract --jsonl --quiet --jobs %d" % (shlex.quote(timeline), args.jobs)
    # checkCode: a partition whose extract exits non-zero (a malformed line: status 2) fails its task.
    parts = lines.pipe(command, checkCode=True)
    if os.path.exists(parts_dir):
        import shutil
        shutil.rmtree(parts_dir)
    parts.saveAsTextFile(parts_dir)
    times["extract (spark)"] = time.time() - start
    spark.stop()

    start = time.time()
    merge = [timeline, "merge", parts_dir, "--events", events]
    merge += ["--output", os.path.abspath(args.output)] if args.output else ["--no-render"]
    subprocess.run(merge, check=True)
    times["merge"] = time.time() - start

    report = ", ".join("%s %.2f s" % kv for kv in times.items())
    print("%d documents in %d shards: %s; total %.2f s" % (n, args.shards, report, sum(times.values())),
          file=sys.stderr)


if __name__ == "__main__":
    main()
