import ArgumentParser
import Foundation
import TimelineBuild
import TimelineModel

/// `timeline bench-scale` (hidden): cold builds of a large generated corpus with the binary itself, once per
/// `--jobs` value, as a user runs them.
///
/// Generates `--documents` documents (``CorpusGenerator``; 10,000 of about 5 KB by default, 50 MB), then for
/// each value of `--jobs` runs a cold `timeline build --no-cache --jobs N` (extract, merge, render: a batch
/// build) in a child process and prints its
/// wall time, stages, peak memory and extraction throughput (megabytes of corpus per second of the `inputs`
/// stage, per job), the speed-up of each over the first, and whether the outputs are byte-identical. Last, the
/// same build with the last `--jobs` value and an empty cache, which it fills as a user's first build does.
struct BenchScaleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-scale",
        abstract: "Measure cold builds of a large generated corpus at several --jobs (release build).",
        shouldDisplay: false)

    @Option(help: "Documents in the generated corpus.")
    var documents: Int = 10_000

    @Option(help: "Dated statements per document.")
    var statements: Int = 10

    @Option(help: "Undated sentences after each dated statement.")
    var commentary: Int = 5

    @Option(help: "The share of statements that retell an event of the shared pool (0...1).")
    var retold: Double = 0.7

    @Option(help: ArgumentHelp("Comma-separated --jobs values to compare.", valueName: "list"))
    var jobs: String = "1,2"

    @Option(help: ArgumentHelp("Use (or create) the corpus in this folder instead of a temporary one.",
                               valueName: "dir"))
    var corpus: String?

    @Flag(help: "Keep the work folder.")
    var keep = false

    func run() throws {
        try Console.run { try bench() }
    }

    private func bench() throws {
        let fm = FileManager.default
        let jobValues = jobs.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !jobValues.isEmpty, jobValues.allSatisfy({ $0 >= 1 }) else {
            throw TimelineError.invalidArgument("--jobs: give positive numbers separated by commas, such as 1,2")
        }
        let work = fm.temporaryDirectory.appendingPathComponent("timeline-bench-scale-\(getpid())")
        try? fm.removeItem(at: work)
        defer { if !keep { try? fm.removeItem(at: work) } }
        let corpusURL = corpus.map { URL(fileURLWithPath: $0) } ?? work.appendingPathComponent("corpus")
        let generator = CorpusGenerator(documents: documents, statementsPerDocument: statements, retoldShare: retold,
                                        commentaryPerStatement: commentary)
        if !fm.fileExists(atPath: corpusURL.path) {
            let start = Date()
            try generator.write(into: corpusURL)
            print(String(format: "generated %d documents in %.1f s", documents, Date().timeIntervalSince(start)))
        }
        let bytes = Self.size(of: corpusURL)
        let megabytes = Double(bytes) / 1_000_000
        print(String(format: "timeline bench-scale: %d documents, %.1f MB, %d cores", documents, megabytes,
                     ProcessInfo.processInfo.activeProcessorCount))

        var first: (seconds: Double, digest: String)?
        for (n, withCache) in jobValues.map({ ($0, false) }) + [(jobValues.last!, true)] {
            let dir = work.appendingPathComponent("jobs-\(n)\(withCache ? "-cache" : "")")
            try? fm.removeItem(at: dir)
            let args = ["build", "--corpus", corpusURL.path, "--events", dir.appendingPathComponent("events.json").path,
                        "--output", dir.appendingPathComponent("output").path, "--jobs", "\(n)",
                        "--json", "-q"] + (withCache ? [] : ["--no-cache"])
            let run = try BenchRegenCommand.time(args)
            let s = run.summary
            let inputs = s?.stages["inputs"] ?? run.seconds
            let digest = ContentHash.hex(joining: ["events.json", "output/timeline.dot", "output/timeline.svg",
                                                   "output/timeline.md"].map {
                ContentHash.hex(ofFileAt: dir.appendingPathComponent($0)) ?? "missing"
            })
            print(String(format: "--jobs %d%@: cold build %.2f s, peak memory %.0f MB, %d events, %d relations",
                         n, withCache ? ", filling an empty cache" : ", --no-cache", run.seconds, s?.peakMemoryMB ?? 0,
                         s?.events ?? -1, s?.relations ?? -1))
            print("    stages: " + (s?.stages ?? [:]).sorted { $0.key < $1.key }
                .map { $0.key + String(format: " %.2f s", $0.value) }.joined(separator: ", "))
            print(String(format: "    extraction (read + extract, the inputs stage): %.1f MB/s, %.1f MB/s per job",
                         megabytes / inputs, megabytes / inputs / Double(n)))
            if let first, withCache {
                print("    outputs " + (first.digest == digest ? "byte-identical" : "DIFFER"))
            } else if let first {
                print(String(format: "    speed-up over --jobs %d: %.2f×; outputs %@", jobValues[0], first.seconds / run.seconds,
                             first.digest == digest ? "byte-identical" : "DIFFER"))
            } else {
                first = (run.seconds, digest)
            }
        }
    }

    /// Total bytes of the regular files under `folder`.
    static func size(of folder: URL) -> Int {
        var total = 0
        let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey])
        while let url = e?.nextObject() as? URL {
            let v = try? url.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey])
            if v?.isRegularFile == true { total += v?.fileSize ?? 0 }
        }
        return total
    }
}
