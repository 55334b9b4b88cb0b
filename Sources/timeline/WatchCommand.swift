import ArgumentParser
import Foundation
import TimelineBuild
import TimelineModel

/// Set by SIGINT/SIGTERM; the watch loop polls it.
nonisolated(unsafe) private var stopRequested: sig_atomic_t = 0

struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Build, then rebuild whenever the corpus or curation.json changes (Ctrl-C stops).",
        discussion: """
            Polls the corpus every 200 ms (one stat per document), coalesces bursts of saves into one rebuild, \
            says what changed, and keeps running through errors, which it prints. Rebuilds are incremental and \
            keep extractions in memory.
            """)

    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var events: EventsOptions
    @OptionGroup var curation: CurationOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var regeneration: RegenerationOptions
    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Seconds between two looks at the corpus.", valueName: "seconds"))
    var interval: Double = 0.2

    func validate() throws {
        if !(0.01...10).contains(interval) { throw ValidationError("--interval must be between 0.01 and 10 seconds") }
    }

    func run() throws {
        try Console.runWithStatus {
            let settings = try Pipeline.settings(corpus: corpus, events: events, curation: curation, output: output,
                                                 regeneration: regeneration)
            Self.installStopHandlers()
            let builder = IncrementalBuilder(settings: settings)
            let watcher = CorpusWatcher(corpus: settings.corpus, files: settings.curation.map { [$0] } ?? [])
            var snapshot = watcher.snapshot()
            rebuild(builder, reason: "initial build")
            Console.info("watching \(corpus.corpus)/" + (settings.curation.map { " and \($0.relativePath)" } ?? "")
                         + " (Ctrl-C to stop)", quiet: global.quiet)
            snapshot = watcher.snapshot()
            watcher.run(from: snapshot, interval: interval, shouldStop: { stopRequested != 0 }) { change in
                rebuild(builder, reason: change.description)
            }
            Console.info("stopped", quiet: global.quiet)
            return ExitStatus.ok
        }
    }

    /// One rebuild; errors are printed, never fatal.
    private func rebuild(_ builder: IncrementalBuilder, reason: String) {
        Console.info("\(Self.clock()) \(reason)", quiet: global.quiet)
        do {
            let lock = try Pipeline.lock(events: events.eventsURL, quiet: global.quiet)
            defer { lock.release() }
            let summary = try builder.build()
            Pipeline.report(summary, quiet: global.quiet)
            if regeneration.json { try Console.printJSON(summary) }
            Console.info("  " + Console.summaryLine(summary, events: events.events), quiet: global.quiet || regeneration.json)
        } catch let error as TimelineError {
            Console.warn("error: \(error.description)")
        } catch {
            Console.warn("error: \(error)")
        }
    }

    /// SIGINT and SIGTERM ask the loop to stop after the current rebuild. They are unblocked first: a parent
    /// (a test runner, a supervisor) may have started us with them blocked.
    static func installStopHandlers() {
        signal(SIGINT) { _ in stopRequested = 1 }
        signal(SIGTERM) { _ in stopRequested = 1 }
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    static func clock() -> String {
        let f = DateFormatter()
        f.dateFormat = "HH:mm:ss"
        return f.string(from: Date())
    }
}
