import Foundation
import TimelineModel
import TimelineRender

/// The SVG tiles of the last rendering (``PositionedDrawing``), kept in one file of the cache folder
/// (`svg-tiles`) so that a build after a small change draws only the tiles whose DOT changed.
///
/// Entries are keyed by the SHA-256 of the renderer's key. The file is read on the first lookup and, after a
/// rendering, rewritten with just the tiles that rendering used when that set changed. A file that fails its
/// checksum or does not decode is rejected (``BuildCache/rejected``) and the tiles drawn again.
final class SVGTilePack: SVGTileStore, @unchecked Sendable {
    private let url: URL
    private let cache: BuildCache
    private let lock = NSLock()
    private var loaded: [String: Data]?
    private var fresh: [String: Data] = [:]
    private var usedHashes: [String] = []

    static let kind = "svg-tiles"

    init(cache: BuildCache) {
        self.cache = cache
        url = cache.folder.appendingPathComponent(Self.kind)
    }

    func svg(forKey key: String) -> Data? {
        let hash = ContentHash.hex(key)
        lock.lock()
        defer { lock.unlock() }
        if loaded == nil { loaded = load() }
        return loaded?[hash]
    }

    func store(_ svg: Data, forKey key: String) {
        let hash = ContentHash.hex(key)
        lock.lock()
        fresh[hash] = svg
        lock.unlock()
    }

    func used(_ keys: [String]) {
        let hashes = keys.map { ContentHash.hex($0) }
        lock.lock()
        usedHashes = hashes
        lock.unlock()
    }

    /// Rewrites the file with the tiles the last rendering used, unless it already holds exactly those.
    func save() {
        lock.lock()
        defer { lock.unlock() }
        guard cache.writable, !usedHashes.isEmpty || !(loaded ?? [:]).isEmpty else { return }
        let previous = loaded ?? [:]
        if fresh.isEmpty, Set(usedHashes) == Set(previous.keys) { return }
        var w = BinaryWriter()
        let unique = Array(Set(usedHashes)).sorted()
        var entries: [(String, Data)] = []
        for hash in unique {
            if let svg = fresh[hash] ?? previous[hash] { entries.append((hash, svg)) }
        }
        w.int(entries.count)
        for (hash, svg) in entries {
            w.string(hash)
            w.int(svg.count)
            w.bytes.append(contentsOf: svg)
        }
        try? CacheFile.writeAtomically(CacheFile.encode(kind: Self.kind, key: "tiles", payload: Data(w.bytes)), to: url)
    }

    private func load() -> [String: Data] {
        switch CacheFile.read(url, kind: Self.kind, key: "tiles") {
        case .failure(.missing):
            return [:]
        case let .failure(.corrupt(reason)):
            cache.reject(url, reason)
            return [:]
        case let .success(payload):
            guard let tiles = Self.decode([UInt8](payload)) else {
                cache.reject(url, "payload does not decode")
                return [:]
            }
            return tiles
        }
    }

    static func decode(_ bytes: [UInt8]) -> [String: Data]? {
        var r = BinaryReader(bytes)
        guard let count = r.count() else { return nil }
        var tiles: [String: Data] = [:]
        for _ in 0..<count {
            guard let hash = r.string(), let svg = r.raw() else { return nil }
            tiles[hash] = Data(svg)
        }
        return r.atEnd ? tiles : nil
    }
}
