import ArgumentParser
import Foundation
import TimelineBuild

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract events from the corpus into events.json.",
        discussion: """
            Uses and fills the extraction cache like `timeline build`. A document that cannot be read is named in \
            a warning and left out, and the exit status is 2.
            """)

    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var events: EventsOptions
    @OptionGroup var curation: CurationOptions
    @OptionGroup var regeneration: RegenerationOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try Console.runWithStatus {
            let settings = try Pipeline.settings(corpus: corpus, events: events, curation: curation, output: nil,
                                                 regeneration: regeneration)
            return try Pipeline.runLocked(settings: settings, events: events, regeneration: regeneration, global: global) {
                try $0.extract(progress: $1)
            }
        }
    }
}
