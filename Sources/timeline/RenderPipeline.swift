import Foundation
import TimelineModel
import TimelineRender

/// Rendering with every output option (filters, formats, layout), and injection into Markdown documents.
enum RenderPipeline {
    /// Writes the outputs selected by `options` and returns their URLs.
    static func render(_ graph: EventGraph, options: OutputOptions) throws -> [URL] {
        try TimelineRenderer(options: try options.renderOptions()).render(graph, to: options.outputURL)
    }

    /// Replaces the timeline blocks of each document; returns the documents that changed.
    static func inject(_ graph: EventGraph, into documents: [String], options: OutputOptions) throws -> [URL] {
        let renderer = TimelineRenderer(options: try options.renderOptions())
        var changed: [URL] = []
        for path in documents {
            let url = URL(fileURLWithPath: path)
            if try renderer.inject(into: url, graph: graph) { changed.append(url) }
        }
        return changed
    }
}
