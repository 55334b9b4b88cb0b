import ArgumentParser
import Foundation
import TimelineBuild

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Extract events from the corpus, write events.json, and render the timelines.",
        discussion: """
            Equivalent to `timeline extract` followed by `timeline render`, incrementally: only documents whose \
            bytes changed are extracted again (the others come from .timeline-cache/ beside events.json), and \
            when nothing changed nothing is written. A document that cannot be read (binary, unreadable, too \
            large, malformed front matter) is named in a warning and left out; the rest is built and the exit \
            status is 2. Two builds writing the same events.json never interleave (.timeline.lock).
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
            return try Pipeline.runLocked(settings: settings, events: events, regeneration: regeneration, global: global) {
                try $0.build(progress: $1)
            }
        }
    }
}
