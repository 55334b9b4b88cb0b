import ArgumentParser
import Foundation
import TimelineBuild

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Exit 0 when events.json and the rendered timelines are exactly what a build would write now.",
        discussion: """
            Writes no output (only the cache). Exit status 3 when anything is stale, with one line per reason: \
            documents added, changed or removed, curation.json changed, the extractor changed, an output edited \
            by hand or missing. Use it in CI (`timeline check || exit 1`) or as a git pre-commit hook; see \
            docs/regeneration.md.
            """)

    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var events: EventsOptions
    @OptionGroup var curation: CurationOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var regeneration: RegenerationOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try Console.runWithStatus {
            let settings = try Pipeline.settings(corpus: corpus, events: events, curation: curation, output: output,
                                                 regeneration: regeneration)
            let bar = ProgressBar(quiet: global.quiet || regeneration.json)
            let report = try IncrementalBuilder(settings: settings).check(progress: bar.update)
            bar.finish()
            if regeneration.json { try Console.printJSON(report) }
            if report.upToDate {
                Console.info("up to date: \(events.events) and \(output.output)/ are what a build writes now", quiet: global.quiet || regeneration.json)
                return ExitStatus.ok
            }
            if !regeneration.json {
                Console.warn("stale: run `timeline build` (\(report.reasons.count) reason\(report.reasons.count == 1 ? "" : "s"))")
                for r in report.reasons { Console.warn("  \(r)") }
            }
            return ExitStatus.stale
        }
    }
}
