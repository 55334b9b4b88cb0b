import ArgumentParser
import Foundation
import TimelineModel

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render events.json as output/timeline.dot, timeline.svg and timeline.md (and Mermaid, TimelineJS).",
        discussion: """
            Reads any valid events.json, including one edited by hand. The SVG is laid out by libgvc in-process. \
            --from, --to, --type and --actor filter every output. With --inject FILE.md, only the blocks between \
            <!-- timeline:begin --> and <!-- timeline:end --> in FILE.md are rewritten (settings such as \
            from=2000 type=war format=mermaid may ride on the begin marker) and nothing is written to --output.
            """)

    @OptionGroup var events: EventsOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp(
        "Replace the timeline blocks of this Markdown document instead of writing --output (repeatable).",
        valueName: "file.md"))
    var inject: [String] = []

    func run() throws {
        try Console.run {
            let start = Date()
            let graph = try EventGraphCoder.read(from: events.eventsURL)
            if !inject.isEmpty {
                let changed = try RenderPipeline.inject(graph, into: inject, options: output)
                Console.info("\(inject.count) document\(inject.count == 1 ? "" : "s"), \(changed.count) changed"
                             + (changed.isEmpty ? "" : ": " + changed.map(\.relativePath).joined(separator: ", "))
                             + " in \(Console.seconds(since: start))", quiet: global.quiet)
                return
            }
            let files = try RenderPipeline.render(graph, options: output)
            Console.info("\(graph.events.count) events → " + files.map(\.relativePath).joined(separator: ", ")
                         + " in \(Console.seconds(since: start))", quiet: global.quiet)
        }
    }
}
