import ArgumentParser
import Foundation
import TimelineBuild

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract events from the corpus into events.json, or from documents on standard input (--jsonl).",
        usage: """
            timeline extract [--corpus <dir>] [--events <file>] [--curation <file>] [--jobs <n>] [-q]
            timeline extract --jsonl [--jobs <n>] [-q] < documents.jsonl > parts.jsonl
            """,
        discussion: """
            Uses and fills the extraction cache like `timeline build`. A document that cannot be read is named in \
            a warning and left out, and the exit status is 2.

            With --jsonl, extract is the map step of a distributed build (Spark's RDD.pipe, Hadoop Streaming, \
            GNU parallel). It reads documents from standard input, one JSON object per line:

              {"id": "notes/a.md", "text": "...", "date": "2023-11-02", "format": "md"}

            id and text are required; date (YYYY-MM-DD or an ISO 8601 timestamp) overrides the date the text \
            states; format is txt, md or html (default: from the id's extension, else txt). For each document it \
            writes one line of JSON on standard output: the document's record and everything extracted from it, \
            which is all `timeline merge` needs. Lines come out in input order, each as soon as it is ready, \
            even with --jobs. A malformed line (not JSON, a missing or mistyped field, a bad date) is reported on \
            standard error with its line number and left out; the other lines are processed and the exit status \
            is 2. --jsonl reads no corpus and writes no file: neither events.json nor the cache. See \
            docs/scaling.md.
            """)

    @Flag(name: .long, help: "Read documents as JSON lines on standard input; write one JSON line of results per document.")
    var jsonl = false

    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var events: EventsOptions
    @OptionGroup var curation: CurationOptions
    @OptionGroup var regeneration: RegenerationOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        if jsonl {
            let status = ExtractJSONL.run(jobs: regeneration.jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                          quiet: global.quiet)
            if status != 0 { throw ExitCode(status) }
            return
        }
        try Console.runWithStatus {
            let settings = try Pipeline.settings(corpus: corpus, events: events, curation: curation, output: nil,
                                                 regeneration: regeneration)
            return try Pipeline.runLocked(settings: settings, events: events, regeneration: regeneration, global: global) {
                try $0.extract(progress: $1)
            }
        }
    }
}
