import ArgumentParser
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Extract events from the corpus, write events.json, and render the timelines.",
        discussion: "Equivalent to `timeline extract` followed by `timeline render`. Nothing is written when a document cannot be read.")

    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var events: EventsOptions
    @OptionGroup var curation: CurationOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try Console.run {
            let start = Date()
            let graph = try Pipeline.extract(corpus: corpus.corpusURL, curation: curation.url(besideEvents: events.eventsURL), quiet: global.quiet)
            try Pipeline.writeEvents(graph, to: events.eventsURL)
            let files = try Pipeline.render(graph, options: output)
            Console.info("\(graph.documents.count) documents, \(graph.events.count) events, \(graph.relations.count) relations, "
                         + "\(graph.undated.count) undated → \(events.events), "
                         + files.map(\.relativePath).joined(separator: ", ") + " in \(Console.seconds(since: start))",
                         quiet: global.quiet)
        }
    }
}
