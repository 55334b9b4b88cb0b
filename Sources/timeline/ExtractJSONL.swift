import Foundation
import TimelineBuild

/// `timeline extract --jsonl`: documents as JSON lines on standard input, one part record per document on
/// standard output (see ``StreamExtractor``).
enum ExtractJSONL {
    /// Runs the stream; returns the exit status: 0, or 2 when some lines were left out.
    static func run(jobs: Int, quiet: Bool) -> Int32 {
        let start = Date()
        let reader = LineReader(fdopen(STDIN_FILENO, "r"))
        let summary = StreamExtractor().run(jobs: jobs, next: reader.next) { _, outcome in
            switch outcome {
            case let .record(line, warnings):
                for w in warnings { Console.info(w.hasPrefix("warning: ") ? w : "warning: \(w)", quiet: quiet) }
                FileHandle.standardOutput.write(line)
            case let .failed(message):
                Console.warn("error: \(message)")
            case .blank:
                break
            }
        }
        var line = "extract --jsonl: \(summary.documents) document\(summary.documents == 1 ? "" : "s")"
        if summary.failed > 0 { line += ", \(summary.failed) line\(summary.failed == 1 ? "" : "s") left out" }
        Console.info(line + " in \(Console.seconds(since: start))", quiet: quiet)
        return summary.failed > 0 ? ExitStatus.inputsSkipped : ExitStatus.ok
    }
}
