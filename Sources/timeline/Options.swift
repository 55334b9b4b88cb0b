import ArgumentParser
import Foundation

/// Where the corpus is.
struct CorpusOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The corpus folder (searched recursively).", valueName: "dir"))
    var corpus: String = "corpus"

    var corpusURL: URL { URL(fileURLWithPath: corpus) }
}

/// Where events.json is.
struct EventsOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The event graph file.", valueName: "file"))
    var events: String = "events.json"

    var eventsURL: URL { URL(fileURLWithPath: events) }
}

/// Where the rendered timelines go.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The folder for timeline.dot, timeline.svg and timeline.md.", valueName: "dir"))
    var output: String = "output"

    @Option(name: .long, help: ArgumentHelp("Base URL for links to source documents in the SVG (default: relative paths).",
                                            valueName: "url"))
    var linkBase: String?

    @Option(name: .long, help: "The timeline's title.")
    var title: String = "Timeline"

    var outputURL: URL { URL(fileURLWithPath: output) }
}

/// Shared console behaviour.
struct GlobalOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false
}
