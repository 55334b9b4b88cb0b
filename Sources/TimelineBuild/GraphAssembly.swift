import Foundation
import TimelineCorpus
import TimelineExtraction
import TimelineGraph
import TimelineModel

/// The curated event graph of a set of extracted documents. `timeline build`, `extract` and `merge` all make
/// their graph here, so a merge of partial extractions and a build of the whole corpus agree byte for byte.
///
/// The graph depends only on the *set* of documents: the order of `documents` does not matter.
public enum GraphAssembly {
    /// One document: its record in events.json and what the extractor found in it.
    public struct Input: Sendable {
        public var record: DocumentRecord
        public var extraction: DocumentExtraction

        public init(record: DocumentRecord, extraction: DocumentExtraction) {
            self.record = record
            self.extraction = extraction
        }
    }

    /// The graph of `documents` with `curation` applied (its warnings name `curationFile`), clustered on up to
    /// `threads` threads (the graph does not depend on it).
    public static func graph(_ documents: [Input], curation: Curation?, curationFile: String?,
                             threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> (EventGraph, [String]) {
        let sorted = documents.sorted { $0.record.id < $1.record.id }
        let sources = sorted.map { d in
            SourceDocument(id: d.record.id, format: .text, rawText: "", text: "", offsetMap: nil, sha256: d.record.sha256,
                           title: d.record.title, date: d.record.date.flatMap(CalendarDay.init(iso:)),
                           metadataRanges: [], languages: d.record.languages)
        }
        var graph = GraphBuilder(threads: threads).build(documents: sources, extractions: sorted.map(\.extraction))
        graph.documents = sorted.map(\.record)
        guard let curation, let curationFile else { return (graph, []) }
        let curated = CurationApplier(fileName: curationFile).apply(curation, to: graph)
        return (curated.graph, curated.warnings.map { "warning: \($0)" })
    }
}
