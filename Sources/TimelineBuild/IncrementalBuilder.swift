import Foundation
import TimelineCorpus
import TimelineExtraction
import TimelineGraph
import TimelineModel
import TimelineRender

/// Builds events.json and the rendered timelines incrementally: only documents whose bytes changed are read
/// and extracted again (the others come from ``BuildCache``), and a build whose inputs and outputs are those
/// of the last build writes nothing at all. Also answers `timeline check` (see ``check(progress:)``).
///
/// One builder may run many builds (`timeline watch`): it keeps the extractions it has seen in memory.
/// Not thread-safe: run one build at a time per builder.
public final class IncrementalBuilder: @unchecked Sendable {
    public let settings: BuildSettings
    /// The cache, or nil with ``BuildSettings/useCache`` false.
    public let cache: BuildCache?
    /// What the cached extractions are valid for.
    public let fingerprint: ExtractorFingerprint

    /// Whether extractions stay in memory after a build, for the next build of this builder (`timeline watch`).
    /// A one-shot build sets it to false: the extractions are then released once the graph is made, before
    /// rendering, which lowers the peak memory of a large build by their size.
    public var keepsExtractions = true

    /// Made on first use: loading the tagger's rules and the lexicons is most of a no-op build's time otherwise.
    private var extractor: EventExtractor {
        extractorLock.lock()
        defer { extractorLock.unlock() }
        if let made = madeExtractor { return made }
        let made = EventExtractor()
        madeExtractor = made
        return made
    }
    private var madeExtractor: EventExtractor?
    private let extractorLock = NSLock()
    private var memory: [String: DocumentExtraction] = [:]
    /// Cached extractions being loaded while the changed documents are extracted (``resolveInputs(progress:)``
    /// starts it, ``completeExtractions(_:progress:)`` joins it, a build with nothing to do stops it).
    private var prefetch: ExtractionPrefetch?
    private var memoryIndex: [String: BuildCache.IndexEntry]?

    /// A builder for `settings`; `fingerprint` defaults to the running program's.
    public init(settings: BuildSettings, fingerprint: ExtractorFingerprint? = nil) {
        self.settings = settings
        let cache = settings.useCache ? BuildCache(folder: settings.resolvedCacheFolder) : nil
        self.cache = cache
        self.fingerprint = fingerprint ?? ExtractorFingerprint.current(memo: cache?.executableMemoURL)
    }

    // MARK: inputs

    /// One document of the corpus as this build sees it.
    struct Document {
        var id: String
        var record: DocumentRecord
        var warnings: [String]
        var extraction: DocumentExtraction?
    }

    /// Everything a build reads, resolved.
    struct Inputs {
        var documents: [Document] = []
        /// Display path → reason, for candidate documents left out.
        var skipped: [String: String] = [:]
        /// Id → reason (what the manifest records).
        var skippedIDs: [String: String] = [:]
        var curation: Curation?
        var curationHash: String?
        var summary = BuildSummary()

        var documentHashes: [String: String] {
            Dictionary(uniqueKeysWithValues: documents.map { ($0.id, $0.record.sha256) })
        }
    }

    /// Reads curation.json, walks the corpus and learns each document's hash (reading only files whose stamp
    /// changed), extracting the documents it had to read when no cached extraction fits.
    func resolveInputs(progress: ((BuildProgress) -> Void)?) throws -> Inputs {
        var inputs = Inputs()
        if let url = settings.curation {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) {
                if isDir.boolValue {
                    throw TimelineError.unreadable(path: url.relativePath, reason: "it is a folder, not a curation.json file")
                }
                let data: Data
                do { data = try Data(contentsOf: url) } catch {
                    throw TimelineError.unreadable(path: url.relativePath, reason: (error as NSError).localizedDescription)
                }
                inputs.curation = try Curation.decode(data, path: url.relativePath)
                inputs.curationHash = ContentHash.hex(data)
            }
        }
        let scanner = CorpusScanner(root: settings.corpus)
        let scan = try scanner.scan()
        for d in scan.diagnostics where d.severity == .warning { inputs.summary.warnings.append(d.description) }
        for p in scan.problems {
            inputs.skipped[p.error.pathForMessages ?? scanner.display(p.id)] = p.error.description
            inputs.skippedIDs[p.id] = p.error.description
        }

        var index = memoryIndex ?? cache?.loadIndex(corpus: settings.corpus) ?? [:]
        var indexChanged = false
        var slots: [Document?] = Array(repeating: nil, count: scan.files.count)
        var toRead: [Int] = []
        for (i, file) in scan.files.enumerated() {
            if let entry = index[file.id], entry.stamp == file.stamp, entry.trusted {
                slots[i] = Document(id: file.id, record: entry.record, warnings: entry.warnings, extraction: nil)
            } else {
                toRead.append(i)
            }
        }
        inputs.summary.documents = scan.files.count + scan.problems.filter { CorpusScanner.isDocumentName($0.id) }.count
        // While the changed documents are read and extracted, the unchanged ones' extractions are loaded (on a
        // thread beyond `jobs`: only when more than one is allowed).
        if !toRead.isEmpty, settings.jobs > 1 {
            let known = slots.compactMap { $0 }.map { ($0.id, extractionKey($0)) }
            if !known.isEmpty {
                prefetch = ExtractionPrefetch(count: known.count) { i in _ = self.cachedExtraction(key: known[i].1, id: known[i].0) }
            }
        }
        let total = scan.files.count
        var done = total - toRead.count
        progress?(BuildProgress(done: done, total: total, extracted: 0, stage: "reading"))

        let results = parallelMap(toRead) { i -> ReadOutcome in self.readAndExtract(scan.files[i]) } tick: { extracted in
            done += 1
            progress?(BuildProgress(done: done, total: total, extracted: extracted, stage: "reading"))
        }
        for (k, i) in toRead.enumerated() {
            let file = scan.files[i]
            switch results[k] {
            case let .skipped(reason):
                inputs.skipped[file.display] = reason
                inputs.skippedIDs[file.id] = reason
                if index.removeValue(forKey: file.id) != nil { indexChanged = true }
            case let .document(doc, entry, extracted):
                inputs.summary.read += 1
                if extracted { inputs.summary.reextracted += 1 } else { inputs.summary.fromCache += 1 }
                slots[i] = doc
                if index[file.id] != entry { index[file.id] = entry; indexChanged = true }
            }
        }
        // Forget documents that are gone.
        let present = Set(scan.files.map(\.id))
        for id in index.keys where !present.contains(id) { index.removeValue(forKey: id); indexChanged = true }
        if indexChanged { cache?.saveIndex(index, corpus: settings.corpus) }
        memoryIndex = index
        inputs.documents = slots.compactMap { $0 }
        for d in inputs.documents { inputs.summary.warnings += d.warnings }
        return inputs
    }

    /// The cache key of a document's extraction by this builder's extractor.
    func extractionKey(_ document: Document) -> String {
        BuildCache.extractionKey(fingerprint: fingerprint, id: document.id, sha256: document.record.sha256)
    }

    enum ReadOutcome {
        case document(Document, BuildCache.IndexEntry, extracted: Bool)
        case skipped(String)
    }

    /// Reads one changed (or unknown) file; extracts it unless a cached extraction of these bytes exists.
    private func readAndExtract(_ file: CorpusScanner.File) -> ReadOutcome {
        let source: SourceDocument
        var diagnostics: [Diagnostic] = []
        switch readDocument(file, diagnostics: &diagnostics) {
        case let .failure(reason): return .skipped(reason.message)
        case let .success(document): source = document
        }
        var warnings = diagnostics.filter { $0.severity == .warning }.map(\.description)
        if source.rawText.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            warnings.append(Diagnostic(.warning, path: file.id, message: "empty, nothing to extract").description)
        }
        let record = source.record
        let entry = BuildCache.IndexEntry(stamp: file.stamp, hashedAt: FileStamp.now(), record: record, warnings: warnings)
        let key = BuildCache.extractionKey(fingerprint: fingerprint, id: file.id, sha256: record.sha256)
        if let x = cachedExtraction(key: key, id: file.id) {
            return .document(Document(id: file.id, record: record, warnings: warnings, extraction: x), entry, extracted: false)
        }
        let x = extractor.extract(source)
        remember(x, key: key)
        return .document(Document(id: file.id, record: record, warnings: warnings, extraction: x), entry, extracted: true)
    }

    /// Reads a document, or says why it is left out (too large, binary, unreadable, gone, bad front matter).
    private func readDocument(_ file: CorpusScanner.File, diagnostics: inout [Diagnostic]) -> Result<SourceDocument, SkipReason> {
        guard let now = FileStamp.of(path: file.url.path) else {
            return .failure(SkipReason(errno == ENOENT ? "\(file.display): vanished during the build, left out"
                                       : "\(file.display): cannot read the file: \(String(cString: strerror(errno)))"))
        }
        if now.size > Int64(settings.maxDocumentBytes) {
            return .failure(SkipReason("\(file.display): too large (\(Self.megabytes(now.size)); the limit is "
                                       + "\(Self.megabytes(Int64(settings.maxDocumentBytes)))), left out"))
        }
        if Self.looksBinary(file.url) {
            return .failure(SkipReason("\(file.display): binary file (it holds NUL bytes), left out"))
        }
        do {
            return .success(try CorpusReader(root: settings.corpus).readDocument(at: file.url, id: file.id,
                                                                                  diagnostics: &diagnostics))
        } catch let error as TimelineError {
            if case .unreadable = error, FileStamp.of(path: file.url.path) == nil {
                return .failure(SkipReason("\(file.display): vanished during the build, left out"))
            }
            return .failure(SkipReason(error.description))
        } catch {
            return .failure(SkipReason("\(file.display): cannot read the file: \(error)"))
        }
    }

    struct SkipReason: Error { var message: String; init(_ m: String) { message = m } }

    static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }

    /// Whether the file's first 8000 bytes hold a NUL (git's test for binary content).
    static func looksBinary(_ url: URL) -> Bool {
        let fd = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 8000)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 8000) }
        return n > 0 && buffer[0..<n].contains(0)
    }

    private let memoryLock = NSLock()

    private func cachedExtraction(key: String, id: String) -> DocumentExtraction? {
        memoryLock.lock()
        let hit = memory[key]
        memoryLock.unlock()
        if let hit { return hit }
        guard let x = cache?.extraction(forKey: key, document: id) else { return nil }
        memoryLock.lock()
        memory[key] = x
        memoryLock.unlock()
        return x
    }

    private func remember(_ x: DocumentExtraction, key: String) {
        memoryLock.lock()
        memory[key] = x
        memoryLock.unlock()
        cache?.store(x, forKey: key)
    }

    /// Fills in the extraction of every document (from memory, the cache, or by reading and extracting).
    func completeExtractions(_ inputs: inout Inputs, progress: ((BuildProgress) -> Void)?) {
        prefetch?.finish(threads: settings.jobs)
        prefetch = nil
        let missing = inputs.documents.indices.filter { inputs.documents[$0].extraction == nil }
        let total = missing.count
        var done = 0
        let scanner = CorpusScanner(root: settings.corpus)
        let results = parallelMap(missing) { i -> ReadOutcome in
            let doc = inputs.documents[i]
            let key = self.extractionKey(doc)
            if let x = self.cachedExtraction(key: key, id: doc.id) {
                var d = doc
                d.extraction = x
                return .document(d, BuildCache.IndexEntry(stamp: FileStamp(size: 0, mtime: 0, ctime: 0, inode: 0, device: 0),
                                                          hashedAt: 0, record: doc.record, warnings: doc.warnings),
                                 extracted: false)
            }
            // Not cached (evicted or corrupt): read the file again.
            let url = self.settings.corpus.appendingPathComponent(doc.id)
            let file = CorpusScanner.File(id: doc.id, path: url.path, display: scanner.display(doc.id),
                                          stamp: FileStamp.of(path: url.path) ?? FileStamp(size: 0, mtime: 0, ctime: 0, inode: 0, device: 0))
            return self.readAndExtract(file)
        } tick: { extracted in
            done += 1
            progress?(BuildProgress(done: done, total: total, extracted: extracted, stage: "extracting"))
        }
        var dropped = Set<Int>()
        for (k, i) in missing.enumerated() {
            switch results[k] {
            case let .document(doc, _, extracted):
                if extracted { inputs.summary.reextracted += 1 } else { inputs.summary.fromCache += 1 }
                if doc.record != inputs.documents[i].record { memoryIndex = nil }   // changed under us: re-learn next time
                inputs.documents[i] = doc
            case let .skipped(reason):
                inputs.skipped[scanner.display(inputs.documents[i].id)] = reason
                inputs.skippedIDs[inputs.documents[i].id] = reason
                dropped.insert(i)
                memoryIndex = nil
            }
        }
        if !dropped.isEmpty {
            inputs.documents = inputs.documents.enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
        }
    }

    /// Stops loading cached extractions ahead (a build that has nothing to do, or failed).
    func stopPrefetch() {
        prefetch?.cancel()
        prefetch = nil
    }

    /// Runs `body` over `items` on ``BuildSettings/jobs`` threads, calling `tick` (serialized) after each item
    /// with the number of items extracted so far.
    private func parallelMap(_ items: [Int], _ body: (Int) -> ReadOutcome,
                             tick: (Int) -> Void) -> [ReadOutcome] {
        guard !items.isEmpty else { return [] }
        final class Box: @unchecked Sendable {
            var results: [ReadOutcome?]
            var next = 0
            var extracted = 0
            let lock = NSLock()
            init(_ n: Int) { results = Array(repeating: nil, count: n) }
        }
        let box = Box(items.count)
        withoutActuallyEscaping(body) { body in withoutActuallyEscaping(tick) { tick in
            let workers = min(settings.jobs, items.count)
            nonisolated(unsafe) let tick = tick
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    box.lock.lock()
                    let k = box.next
                    box.next += 1
                    box.lock.unlock()
                    guard k < items.count else { return }
                    let r = body(items[k])
                    box.lock.lock()
                    box.results[k] = r
                    if case .document(_, _, true) = r { box.extracted += 1 }
                    tick(box.extracted)
                    box.lock.unlock()
                }
            }
        } }
        return box.results.map { $0! }
    }

    // MARK: the graph

    /// The curated event graph of the inputs, with its curation warnings.
    func graph(of inputs: Inputs) -> (EventGraph, [String]) {
        GraphAssembly.graph(inputs.documents.compactMap { d in d.extraction.map { GraphAssembly.Input(record: d.record, extraction: $0) } },
                            curation: inputs.curation, curationFile: settings.curation?.relativePath, threads: settings.jobs)
    }

    /// Refuses to build from nothing: when no candidate document could be read, nothing is written.
    func requireDocuments(_ inputs: Inputs) throws {
        guard inputs.documents.isEmpty, let first = inputs.skipped.sorted(by: { $0.key < $1.key }).first else { return }
        throw TimelineError.unreadable(path: settings.corpus.relativePath,
            reason: "none of its \(inputs.skipped.count) document\(inputs.skipped.count == 1 ? "" : "s") could be read (\(first.value))")
    }

    // MARK: build

    /// Builds: resolves the inputs, and unless nothing changed since the last build, writes events.json and the
    /// rendered timelines (each atomically, and only when its bytes change) and records the build.
    /// - Throws: ``TimelineError`` for a missing or empty corpus, a malformed curation.json, a failed write or
    ///   render. Unreadable documents do not throw: they are listed in ``BuildSummary/skipped``.
    public func build(progress: ((BuildProgress) -> Void)? = nil) throws -> BuildSummary {
        let start = Date()
        var stages: [String: Double] = [:]
        var mark = Date()
        func stage(_ name: String) { stages[name] = Date().timeIntervalSince(mark); mark = Date() }
        defer { stopPrefetch() }
        var inputs = try resolveInputs(progress: progress)
        stage("inputs")
        let manifest = cache?.manifest(events: settings.events)
        if let manifest, matches(manifest, inputs), outputsIntact(manifest) {
            stopPrefetch()
            var s = inputs.summary
            s.upToDate = true
            s.skipped = inputs.skipped
            s.documents = inputs.summary.documents
            s.fromCache = inputs.documents.count - s.reextracted
            finish(&s, inputs: inputs, start: start)
            // The graph's figures without building it: from the manifest's build.
            if let counts = manifest.counts, counts.count == 3 {
                s.events = counts[0]; s.relations = counts[1]; s.undated = counts[2]
            }
            s.curationWarnings = manifest.curationWarnings ?? []
            s.stages = stages
            return s
        }
        try requireDocuments(inputs)
        completeExtractions(&inputs, progress: progress)
        try requireDocuments(inputs)
        stage("extract")
        progress?(BuildProgress(done: inputs.documents.count, total: inputs.documents.count,
                                extracted: inputs.summary.reextracted, stage: "rendering"))
        let (graph, curationWarnings) = graph(of: inputs)
        if !keepsExtractions {
            memoryLock.lock()
            let held = memory
            memory = [:]
            memoryLock.unlock()
            var dropped: [DocumentExtraction] = []
            dropped.reserveCapacity(inputs.documents.count)
            for i in inputs.documents.indices {
                if let x = inputs.documents[i].extraction { dropped.append(x) }
                inputs.documents[i].extraction = nil
            }
            // Tens of thousands of mentions take a while to free: the rendering need not wait for it.
            DeferredRelease.release((held, dropped))
        }
        stage("graph")
        var s = inputs.summary
        s.curationWarnings = curationWarnings
        s.skipped = inputs.skipped
        s.events = graph.events.count
        s.relations = graph.relations.count
        s.undated = graph.undated.count

        // events.json and every rendered file are made in memory, side by side, before anything is written:
        // when Graphviz fails, nothing is.
        let encoded = ConcurrentJobs.Slots<Data>(count: 1)
        let pieces = cache.map { PieceFolder(cache: $0, fingerprint: fingerprint) }
        var renderer = TimelineRenderer(options: settings.renderOptions)
        renderer.pieces = pieces
        let digests = pieces == nil ? nil : EventDigest.Memo(deferring: graph.events)
        renderer.digests = digests
        let rendered = try renderer.files(
            for: graph, in: settings.output, threads: settings.jobs,
            extra: [{ encoded[0] = try EventsFilePieces.encode(graph, pieces: pieces, digests: digests) }])
        let data = encoded[0]!
        stage("render")
        // Side by side: the outputs written (in order), the pieces saved, the outputs' hashes for the record.
        let files = [(settings.events, data)] + rendered
        // After this build's extractor changed (another binary, an edited rule file), the old one's extractions
        // are of no use: they are removed, so that the cache does not grow with every upgrade. (Not on a first
        // build: a cache folder shared with other corpora keeps their entries.)
        let upgraded = manifest.map { $0.fingerprint != fingerprint.value } ?? false
        let kept: Set<String>? = cache == nil || !upgraded ? nil
            : Set(inputs.documents.map(extractionKey))
        let wrote = ConcurrentJobs.Slots<[String]>(count: 1)
        let hashes = ConcurrentJobs.Slots<[String]>(count: 1)
        try ConcurrentJobs.run([
            {
                var written: [String] = []
                for (url, bytes) in files where try AtomicFile.write(bytes, to: url) { written.append(url.relativePath) }
                wrote[0] = written
            },
            { pieces?.save() },
            { if let keep = kept { self.cache?.pruneExtractions(keeping: keep) } },
            { hashes[0] = files.map { XXHash64.hex($0.1) } },
        ], threads: settings.jobs)
        s.written = wrote[0] ?? []
        stage("write")

        let outputs = zip(files, hashes[0] ?? []).map { file, checksum in
            BuildManifest.Output(path: file.0.standardizedFileURL.path, checksum: checksum, stamp: FileStamp.of(path: file.0.path))
        }
        var record = manifestRecord(inputs, outputs: outputs)
        record.counts = [s.events, s.relations, s.undated]
        record.curationWarnings = curationWarnings
        cache?.saveManifest(record, events: settings.events)
        stage("record")
        s.stages = stages
        finish(&s, inputs: inputs, start: start)
        DeferredRelease.release((graph, files, digests, pieces, inputs))
        return s
    }

    /// Writes events.json only (`timeline extract`): no rendering, and no build record.
    public func extract(progress: ((BuildProgress) -> Void)? = nil) throws -> BuildSummary {
        let start = Date()
        defer { stopPrefetch() }
        var inputs = try resolveInputs(progress: progress)
        try requireDocuments(inputs)
        completeExtractions(&inputs, progress: progress)
        try requireDocuments(inputs)
        let (graph, curationWarnings) = graph(of: inputs)
        var s = inputs.summary
        s.curationWarnings = curationWarnings
        s.skipped = inputs.skipped
        s.events = graph.events.count
        s.relations = graph.relations.count
        s.undated = graph.undated.count
        if try AtomicFile.write(try EventGraphCoder.encode(graph), to: settings.events) {
            s.written = [settings.events.relativePath]
        }
        finish(&s, inputs: inputs, start: start)
        return s
    }

    private func finish(_ s: inout BuildSummary, inputs: Inputs, start: Date) {
        if let cache, !cache.rejected.isEmpty {
            s.cacheRejected = cache.rejected.count
            for r in cache.rejected {
                s.warnings.append("notice: cache entry \(r.file) rejected (\(r.reason)); rebuilt")
            }
        }
        s.seconds = Date().timeIntervalSince(start)
        s.peakMemoryMB = Self.peakMemoryMB()
    }

    /// The process's peak resident set size in MB (`getrusage`; Linux reports kilobytes).
    static func peakMemoryMB() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        return (Double(usage.ru_maxrss) / 1024 * 10).rounded() / 10
    }

    static func stamps(in folder: URL) -> [String: FileStamp] {
        var out: [String: FileStamp] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            out[name] = FileStamp.of(path: folder.appendingPathComponent(name).path)
        }
        return out
    }

    func manifestRecord(_ inputs: Inputs, outputs: [BuildManifest.Output]) -> BuildManifest {
        BuildManifest(fingerprint: fingerprint.value, corpus: settings.corpus.standardizedFileURL.path,
                      documents: inputs.documentHashes, skipped: inputs.skippedIDs, curation: inputs.curationHash,
                      curationPath: settings.curation?.standardizedFileURL.path, settings: fullSettingsKey,
                      outputs: outputs)
    }

    /// The settings key, with the output folder (a build into another folder is another build).
    var fullSettingsKey: String {
        settings.settingsKey + "|output=" + settings.output.standardizedFileURL.path
    }

    /// Whether the last build read exactly these inputs.
    func matches(_ m: BuildManifest, _ inputs: Inputs) -> Bool {
        m.fingerprint == fingerprint.value && m.corpus == settings.corpus.standardizedFileURL.path
            && m.documents == inputs.documentHashes && m.skipped == inputs.skippedIDs && m.curation == inputs.curationHash
            && m.curationPath == settings.curation?.standardizedFileURL.path && m.settings == fullSettingsKey
    }

    /// Whether every file the last build wrote still holds what it wrote.
    func outputsIntact(_ m: BuildManifest) -> Bool {
        m.outputs.allSatisfy { outputState($0) == .intact }
    }

    enum OutputState { case intact, missing, changed }

    func outputState(_ o: BuildManifest.Output) -> OutputState {
        guard let stamp = FileStamp.of(path: o.path) else { return .missing }
        if let recorded = o.stamp, recorded == stamp { return .intact }
        guard let bytes = try? Data(contentsOf: URL(fileURLWithPath: o.path), options: .alwaysMapped) else { return .changed }
        return XXHash64.hex(bytes) == o.checksum ? .intact : .changed
    }
}

extension TimelineError {
    /// The file a message is about, when the error names one.
    var pathForMessages: String? {
        switch self {
        case let .unreadable(path, _), let .malformedFrontMatter(path, _, _, _), let .corpusMissing(path),
             let .corpusEmpty(path), let .writeFailed(path, _), let .malformedJSON(path, _, _):
            return path
        default:
            return nil
        }
    }
}
