import Foundation
import TimelineCorpus
import TimelineExtraction
import TimelineGraph
import TimelineModel
import TimelineRender

/// The two halves of a build, shared by `build`, `extract` and `render`.
enum Pipeline {
    /// Reads the corpus and extracts the event graph. Throws before anything is written when a document
    /// cannot be read, so existing outputs stay untouched.
    static func extract(corpus: URL, quiet: Bool) throws -> EventGraph {
        let result = try CorpusReader(root: corpus).read()
        for d in result.diagnostics { Console.info(d.description, quiet: quiet || d.severity == .notice) }
        if let first = result.errors.first {
            for e in result.errors.dropFirst() { Console.warn("error: \(e.description)") }
            throw first
        }
        let extractor = EventExtractor()
        let extractions = result.documents.map { extractor.extract($0) }
        return GraphBuilder().build(documents: result.documents, extractions: extractions)
    }

    static func writeEvents(_ graph: EventGraph, to url: URL) throws {
        let data = try EventGraphCoder.encode(graph)
        try AtomicFile.write(data, to: url)
    }

    static func render(_ graph: EventGraph, options: OutputOptions) throws -> [URL] {
        var renderOptions = RenderOptions()
        renderOptions.title = options.title
        renderOptions.linkBase = options.linkBase
        return try TimelineRenderer(options: renderOptions).render(graph, to: options.outputURL)
    }
}
