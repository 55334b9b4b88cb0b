import ArgumentParser
import Foundation
import TimelineBuild

/// How `build`, `extract`, `check` and `watch` use the regeneration cache and report.
struct RegenerationOptions: ParsableArguments {
    @Flag(name: .long, help: "Print a machine-readable summary (JSON) on standard output.")
    var json = false

    @Flag(name: .long, help: "Extract every document again and leave the cache alone.")
    var noCache = false

    @Option(name: .long, help: ArgumentHelp("The cache folder (default: .timeline-cache beside the events file).",
                                            valueName: "dir"))
    var cache: String?

    @Option(name: .long, help: ArgumentHelp("Documents extracted at once (default: the number of cores).", valueName: "n"))
    var jobs: Int?

    @Option(name: .long, help: ArgumentHelp("Skip (with a warning) documents larger than this many megabytes.",
                                            valueName: "mb"))
    var maxDocumentMb: Int = BuildSettings.defaultMaxDocumentBytes >> 20

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if maxDocumentMb < 1 { throw ValidationError("--max-document-mb must be at least 1") }
    }
}
