import Foundation
import TimelineBuild
import TimelineModel
import TimelineRender

/// The builds behind `build`, `extract`, `check` and `watch`: settings from the command line, the lock, and the
/// messages a build leaves.
enum Pipeline {
    /// The build settings for these options.
    static func settings(corpus: CorpusOptions, events: EventsOptions, curation: CurationOptions,
                         output: OutputOptions?, regeneration: RegenerationOptions) throws -> BuildSettings {
        let out = try output ?? OutputOptions.parse([])
        let renderOptions = try out.renderOptions()
        return BuildSettings(
            corpus: corpus.corpusURL, events: events.eventsURL, curation: curation.url(besideEvents: events.eventsURL),
            output: out.outputURL, renderOptions: renderOptions, settingsKey: renderOptions.settingsKey,
            cacheFolder: regeneration.cache.map { URL(fileURLWithPath: $0) }, useCache: !regeneration.noCache,
            maxDocumentBytes: regeneration.maxDocumentMb << 20,
            jobs: regeneration.jobs ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Runs one locked build step (`build` or `extract`) with a progress bar, then reports it: warnings, the JSON
    /// summary when asked, the summary line. Returns the exit status.
    static func runLocked(settings: BuildSettings, events: EventsOptions, regeneration: RegenerationOptions,
                          global: GlobalOptions,
                          _ step: (IncrementalBuilder, @escaping (BuildProgress) -> Void) throws -> BuildSummary) throws -> Int32 {
        let lock = try Pipeline.lock(events: events.eventsURL, quiet: global.quiet)
        defer { lock.release() }
        let bar = ProgressBar(quiet: global.quiet || regeneration.json)
        let builder = IncrementalBuilder(settings: settings)
        builder.keepsExtractions = false  // one build: release them before rendering
        let summary = try step(builder, bar.update)
        bar.finish()
        report(summary, quiet: global.quiet)
        if regeneration.json { try Console.printJSON(summary) }
        Console.info(Console.summaryLine(summary, events: events.events), quiet: global.quiet || regeneration.json)
        return status(summary)
    }

    /// Takes the build lock beside events.json, saying whom it waits for.
    static func lock(events: URL, quiet: Bool) throws -> BuildLock {
        let url = BuildLock.url(besideEvents: events)
        return try BuildLock.acquire(url) { holder in
            Console.info("waiting for another build" + (holder.map { " (pid \($0))" } ?? "") + " holding \(url.relativePath)…",
                         quiet: quiet)
        }
    }

    /// Prints a build's warnings: skipped documents and curation entries always, the rest unless quiet.
    static func report(_ s: BuildSummary, quiet: Bool) {
        for w in s.warnings { Console.info(w.hasPrefix("warning: ") || w.hasPrefix("notice: ") ? w : "warning: \(w)", quiet: quiet) }
        for (_, reason) in s.skipped.sorted(by: { $0.key < $1.key }) { Console.warn("warning: skipped: \(reason)") }
        for w in s.curationWarnings { Console.warn(w) }
    }

    /// The exit status of a build that wrote its outputs: 2 when documents were left out.
    static func status(_ s: BuildSummary) -> Int32 {
        s.skipped.isEmpty ? 0 : ExitStatus.inputsSkipped
    }
}
