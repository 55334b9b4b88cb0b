import Foundation
import TimelineModel
import TimelineRender

extension IncrementalBuilder {
    /// Whether events.json and every rendered file are exactly what ``build(progress:)`` would write now,
    /// without writing any of them (the cache may be filled). When the last build's record matches the inputs
    /// and its outputs are untouched, no rendering is needed; otherwise the graph is built and rendered in memory
    /// (into a temporary folder) and compared byte for byte.
    public func check(progress: ((BuildProgress) -> Void)? = nil) throws -> StalenessReport {
        let start = Date()
        defer { stopPrefetch() }
        var inputs = try resolveInputs(progress: progress)
        var report = StalenessReport(warnings: inputs.summary.warnings)
        defer { report.seconds = Date().timeIntervalSince(start) }
        let manifest = cache?.manifest(events: settings.events)
        if let manifest, matches(manifest, inputs), outputsIntact(manifest) {
            stopPrefetch()
            return report
        }

        // Documents: compare with what events.json records.
        let fm = FileManager.default
        let existing: EventGraph? = (try? Data(contentsOf: settings.events)).flatMap {
            try? EventGraphCoder.decode($0, path: settings.events.relativePath)
        }
        if let existing {
            let recorded = Dictionary(existing.documents.map { ($0.id, $0.sha256) }, uniquingKeysWith: { a, _ in a })
            let current = inputs.documentHashes
            for (id, sha) in current.sorted(by: { $0.key < $1.key }) {
                if let old = recorded[id] {
                    if old != sha { report.reasons.append(.init(kind: "changed", path: id, message: "document edited since events.json was built")) }
                } else {
                    report.reasons.append(.init(kind: "added", path: id, message: "document not in events.json"))
                }
            }
            for id in recorded.keys.sorted() where current[id] == nil {
                let why = inputs.skippedIDs[id].map { "in events.json but now left out: \($0)" }
                    ?? "in events.json but no longer in the corpus"
                report.reasons.append(.init(kind: inputs.skippedIDs[id] == nil ? "removed" : "skipped", path: id, message: why))
            }
        }
        if let manifest {
            if manifest.fingerprint != fingerprint.value {
                report.reasons.append(.init(kind: "extractor", path: "",
                                            message: "the extractor or its rule files changed since the last build"))
            }
            if manifest.curation != inputs.curationHash || manifest.curationPath != settings.curation?.standardizedFileURL.path {
                let name = settings.curation?.relativePath ?? "curation.json"
                let what = manifest.curation == nil ? "added" : inputs.curationHash == nil ? "removed" : "changed"
                report.reasons.append(.init(kind: "curation", path: name, message: "\(what) since the last build"))
            }
            if manifest.settings != fullSettingsKey {
                report.reasons.append(.init(kind: "settings", path: "", message: "render options differ from the last build's"))
            }
        }

        // What a build would write, compared byte for byte.
        completeExtractions(&inputs, progress: progress)
        let (graph, curationWarnings) = graph(of: inputs)
        let data = try EventGraphCoder.encode(graph)
        let tmp = fm.temporaryDirectory.appendingPathComponent("timeline-check-\(getpid())-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: tmp) }
        var renderer = TimelineRenderer(options: settings.renderOptions)
        renderer.pieces = cache.map { PieceFolder(cache: $0, fingerprint: fingerprint) }
        let rendered = try renderer.render(graph, to: tmp)
        var expected: [(URL, Data)] = [(settings.events, data)]
        for url in rendered {
            expected.append((settings.output.appendingPathComponent(url.lastPathComponent), (try? Data(contentsOf: url)) ?? Data()))
        }
        let recorded = Dictionary((manifest?.outputs ?? []).map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        for (url, bytes) in expected {
            guard let actual = try? Data(contentsOf: url) else {
                report.reasons.append(.init(kind: "missing", path: url.relativePath, message: "not written yet"))
                continue
            }
            guard actual != bytes else { continue }
            if let r = recorded[url.standardizedFileURL.path], r.checksum != XXHash64.hex(actual) {
                report.reasons.append(.init(kind: "edited", path: url.relativePath,
                                            message: "changed since the last build wrote it (edited by hand?)"))
            } else {
                report.reasons.append(.init(kind: "stale", path: url.relativePath, message: "differs from what a build writes now"))
            }
        }
        // Only stale outputs explain a difference; a manifest difference that changes no byte is not staleness.
        if !report.reasons.contains(where: { ["missing", "edited", "stale"].contains($0.kind) }) {
            report.reasons = []
            // Everything is as a build would write it: record that, so the next check is quick.
            var record = manifestRecord(inputs, outputs: expected.map { url, bytes in
                BuildManifest.Output(path: url.standardizedFileURL.path, checksum: XXHash64.hex(bytes),
                                     stamp: FileStamp.of(path: url.path))
            })
            record.counts = [graph.events.count, graph.relations.count, graph.undated.count]
            record.curationWarnings = curationWarnings
            cache?.saveManifest(record, events: settings.events)
        }
        return report
    }
}
