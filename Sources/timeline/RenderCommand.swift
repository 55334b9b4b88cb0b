import ArgumentParser
import Foundation
import TimelineModel

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render events.json as output/timeline.dot, timeline.svg and timeline.md.",
        discussion: "Reads any valid events.json, including one edited by hand. The SVG is laid out by libgvc in-process.")

    @OptionGroup var events: EventsOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try Console.run {
            let start = Date()
            let graph = try EventGraphCoder.read(from: events.eventsURL)
            let files = try Pipeline.render(graph, options: output)
            Console.info("\(graph.events.count) events → " + files.map(\.relativePath).joined(separator: ", ")
                         + " in \(Console.seconds(since: start))", quiet: global.quiet)
        }
    }
}
