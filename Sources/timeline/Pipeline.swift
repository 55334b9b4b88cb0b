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
    static func extract(corpus: URL, curation curationURL: URL? = nil, quiet: Bool) throws -> EventGraph {
        // Read curation first: a malformed curation.json stops the build before any work or write.
        let curation = try curationURL.flatMap { try Curation.read(from: $0) }
        let result = try CorpusReader(root: corpus).read()
        for d in result.diagnostics { Console.info(d.description, quiet: quiet || d.severity == .notice) }
        if let first = result.errors.first {
            for e in result.errors.dropFirst() { Console.warn("error: \(e.description)") }
            throw first
        }
        let extractor = EventExtractor()
        let extractions = result.documents.map { extractor.extract($0) }
        let graph = GraphBuilder().build(documents: result.documents, extractions: extractions)
        guard let curation, let curationURL else { return graph }
        let curated = CurationApplier(fileName: curationURL.relativePath).apply(curation, to: graph)
        // Stale curation entries are shown even with --quiet: they mean a user's edit no longer applies.
        for w in curated.warnings { Console.warn("warning: \(w)") }
        return curated.graph
    }

    static func writeEvents(_ graph: EventGraph, to url: URL) throws {
        let data = try EventGraphCoder.encode(graph)
        try AtomicFile.write(data, to: url)
    }

    static func render(_ graph: EventGraph, options: OutputOptions) throws -> [URL] {
        try RenderPipeline.render(graph, options: options)
    }
}
