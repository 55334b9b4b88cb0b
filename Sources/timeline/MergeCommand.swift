import ArgumentParser
import Foundation
import TimelineBuild
import TimelineModel

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine partial extractions into one events.json, and render it.",
        discussion: """
            The reduce step of a distributed build. Each PART is a file of JSON lines written by \
            `timeline extract --jsonl`, a folder of such files (Spark's saveAsTextFile output: files whose \
            names start with . or _ are skipped), or an events.json written with --mergeable. merge takes the \
            union of their documents and builds the event graph of that union exactly as `timeline build` \
            does: events are re-clustered from every document's mentions, event ids re-derived, curation.json \
            applied. So merging the parts of any split of a corpus, in any order and grouping, writes the same \
            bytes as one build of the whole corpus, and a part merged with itself changes nothing.

            A document found in several parts with the same content is kept once. The same id with different \
            content (other text, or the same text extracted by another version of timeline) is an error naming \
            both places, and nothing is written. A plain events.json cannot be a part: its events hold what was \
            merged, not what each document says. With --mergeable, the events.json written carries the \
            per-document extractions (a top-level "extractions" array that readers ignore), so it can be merged \
            again later with more parts.

            Like `timeline build`, merge writes events.json and renders output/ with the same options; \
            --no-render writes events.json only. See docs/scaling.md.

            Examples:

              timeline merge spark-out/ --events events.json --output output
              timeline merge a.jsonl b.jsonl --mergeable --no-render --events ab.json
              timeline merge ab.json c.jsonl        # the same bytes as: timeline merge a.jsonl b.jsonl c.jsonl
            """)

    @Argument(help: ArgumentHelp("JSON-lines files from `timeline extract --jsonl`, folders of them, or mergeable events.json files.",
                                 valueName: "part"))
    var parts: [String]

    @OptionGroup var events: EventsOptions
    @OptionGroup var curation: CurationOptions
    @OptionGroup var output: OutputOptions

    @Flag(name: .long, help: "Write events.json only; do not render.")
    var noRender = false

    @Flag(name: .long, help: "Keep the per-document extractions in events.json, so that it can be a part of a later merge.")
    var mergeable = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if parts.isEmpty { throw ValidationError("give at least one part") }
    }

    func run() throws {
        try Console.runWithStatus {
            let start = Date()
            var merger = PartMerger()
            for part in parts { try merger.add(partAt: URL(fileURLWithPath: part)) }
            if merger.documents.isEmpty {
                throw TimelineError.invalidArgument("merge: the parts hold no document (" + parts.joined(separator: ", ") + ")")
            }
            for w in merger.warnings { Console.info(w.hasPrefix("warning: ") ? w : "warning: \(w)", quiet: global.quiet) }
            for d in merger.duplicates {
                Console.info("notice: \(d.id): in \(d.first) and \(d.again) with the same content, kept once", quiet: global.quiet)
            }
            let curationURL = curation.url(besideEvents: events.eventsURL)
            let curationData = try Curation.read(from: curationURL)
            let lock = try Pipeline.lock(events: events.eventsURL, quiet: global.quiet)
            defer { lock.release() }
            let (graph, curationWarnings) = merger.graph(curation: curationData,
                                                         curationFile: curationData == nil ? nil : curationURL.relativePath)
            for w in curationWarnings { Console.warn(w) }
            var written: [String] = []
            let data = try MergeableEvents.encode(graph, records: mergeable ? merger.records : nil)
            if try AtomicFile.write(data, to: events.eventsURL) { written.append(events.eventsURL.relativePath) }
            if !noRender {
                let before = Self.stamps(in: output.outputURL)
                for url in try RenderPipeline.render(graph, options: output)
                where FileStamp.of(path: url.path) != before[url.lastPathComponent] {
                    written.append(url.relativePath)
                }
            }
            let n = merger.documents.count
            Console.info("\(merger.files) part file\(merger.files == 1 ? "" : "s"): \(n) document\(n == 1 ? "" : "s")"
                         + (merger.duplicates.isEmpty ? "" : " (\(merger.duplicates.count) duplicate\(merger.duplicates.count == 1 ? "" : "s") kept once)")
                         + ", \(graph.events.count) events, \(graph.relations.count) relations, \(graph.undated.count) undated → "
                         + (written.isEmpty ? "no file changed" : written.joined(separator: ", "))
                         + " in \(Console.seconds(since: start))", quiet: global.quiet)
            return ExitStatus.ok
        }
    }

    /// The stamps of a folder's files, to tell which outputs a render rewrote.
    static func stamps(in folder: URL) -> [String: FileStamp] {
        var out: [String: FileStamp] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            out[name] = FileStamp.of(path: folder.appendingPathComponent(name).path)
        }
        return out
    }
}
