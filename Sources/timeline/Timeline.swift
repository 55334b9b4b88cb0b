import ArgumentParser

/// `timeline`: extract dated events from a corpus into events.json and render them as DOT, SVG and Markdown.
@main
struct Timeline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Build sourced timelines from a folder of documents.",
        discussion: """
            Reads a corpus of .txt, .md and .html documents (English and Chinese), extracts the dated events \
            they state into an event graph (events.json), and renders it as Graphviz DOT, SVG and Markdown.

            Run `timeline build` in a folder holding corpus/ to regenerate events.json and output/.

            `timeline check` says whether the outputs are current (for CI and git hooks); `timeline watch` \
            rebuilds on every change. `timeline extract --jsonl` and `timeline merge` split a build across \
            processes or machines (Spark, Hadoop Streaming, GNU parallel) with the same result; see \
            docs/scaling.md.

            Exit status: 0 on success; 1 when an input or output problem stopped the command and nothing was \
            written (the message names the file); 2 when the build was written but some documents could not \
            be read and were left out (each named in a warning); 3 when `timeline check` finds something \
            stale; 64 for invalid command-line usage.
            """,
        version: "0.1.0",
        subcommands: [BuildCommand.self, ExtractCommand.self, MergeCommand.self, RenderCommand.self, CheckCommand.self, WatchCommand.self,
                      TagCommand.self, BenchRegenCommand.self, BenchScaleCommand.self]
    )
}
