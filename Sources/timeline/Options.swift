import ArgumentParser
import Foundation
import TimelineModel
import TimelineRender

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

    @Option(name: .long, help: ArgumentHelp("Show only events that end on or after this EDTF date (2000, 1969-03, 196X).",
                                            valueName: "edtf"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Show only events that start on or before this EDTF date.", valueName: "edtf"))
    var to: String?

    @Option(name: .long, help: ArgumentHelp("Show only events of this type (repeat or separate with commas).",
                                            valueName: "type"))
    var type: [String] = []

    @Option(name: .long, help: ArgumentHelp("Show only events with this actor (repeat or separate with commas).",
                                            valueName: "actor"))
    var actor: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "What to write: dot, svg, md, mermaid, timelinejs (repeat or separate with commas; default dot,svg,md).",
        valueName: "format"))
    var format: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "SVG layout: auto (Graphviz dot up to 250 events, positions computed in Swift above), dot, positioned.",
        valueName: "mode"))
    var layout: String = "auto"

    var outputURL: URL { URL(fileURLWithPath: output) }

    func validate() throws {
        do { _ = try renderOptions() } catch let error as TimelineError { throw ValidationError(error.description) }
    }

    /// The renderer's settings for these options.
    func renderOptions() throws -> RenderOptions {
        var options = RenderOptions(title: title, linkBase: linkBase)
        options.filter = try EventFilter.parse(from: from, to: to, types: type, actors: actor)
        let names = format.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if !names.isEmpty {
            options.formats = []
            for name in names {
                guard let f = OutputFormat(rawValue: name == "markdown" ? "md" : name) else {
                    throw TimelineError.invalidArgument(
                        "--format \(name): give one of " + OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))
                }
                options.formats.insert(f)
            }
        }
        guard let mode = LayoutMode(rawValue: layout) else {
            throw TimelineError.invalidArgument("--layout \(layout): give auto, dot or positioned")
        }
        options.layout = mode
        return options
    }
}

/// Shared console behaviour.
struct GlobalOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false
}
