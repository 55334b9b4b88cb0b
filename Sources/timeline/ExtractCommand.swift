import ArgumentParser
import Foundation

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract events from the corpus into events.json.")

    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var events: EventsOptions
    @OptionGroup var curation: CurationOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try Console.run {
            let start = Date()
            let graph = try Pipeline.extract(corpus: corpus.corpusURL, curation: curation.url(besideEvents: events.eventsURL), quiet: global.quiet)
            try Pipeline.writeEvents(graph, to: events.eventsURL)
            Console.info("\(graph.documents.count) documents, \(graph.events.count) events, \(graph.relations.count) relations "
                         + "→ \(events.events) in \(Console.seconds(since: start))", quiet: global.quiet)
        }
    }
}
