import Foundation
import TimelineRender

/// Where a build reads and writes, and how.
public struct BuildSettings: Sendable {
    /// The corpus folder.
    public var corpus: URL
    /// The events.json file.
    public var events: URL
    /// The curation file (may not exist); nil for none.
    public var curation: URL?
    /// The folder of the rendered timelines.
    public var output: URL
    /// How to render.
    public var renderOptions: RenderOptions
    /// Everything that decides the rendered bytes besides the graph (filters, formats, title, layout), as a
    /// string: a build whose settings string changed renders again.
    public var settingsKey: String
    /// The cache folder; nil for the default (`.timeline-cache/` beside events.json).
    public var cacheFolder: URL?
    /// Whether to use the cache at all (`--no-cache` re-extracts everything and writes no cache).
    public var useCache: Bool
    /// Documents larger than this are skipped with a warning.
    public var maxDocumentBytes: Int
    /// How many documents to extract at once.
    public var jobs: Int

    /// The default size limit of one document: 32 MiB.
    public static let defaultMaxDocumentBytes = 32 << 20

    public init(corpus: URL, events: URL, curation: URL?, output: URL, renderOptions: RenderOptions = RenderOptions(),
                settingsKey: String = "", cacheFolder: URL? = nil, useCache: Bool = true,
                maxDocumentBytes: Int = BuildSettings.defaultMaxDocumentBytes,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.corpus = corpus
        self.events = events
        self.curation = curation
        self.output = output
        self.renderOptions = renderOptions
        self.settingsKey = settingsKey
        self.cacheFolder = cacheFolder
        self.useCache = useCache
        self.maxDocumentBytes = maxDocumentBytes
        self.jobs = max(1, jobs)
    }

    /// The cache folder in use.
    public var resolvedCacheFolder: URL { cacheFolder ?? BuildCache.defaultFolder(besideEvents: events) }
}
