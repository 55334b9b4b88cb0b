import Foundation
import TimelineModel
import TimelineRender

/// The SVG pieces of the last rendering of a large timeline (``PositionedDrawing``'s frame and tiles), kept
/// in the cache folder `svg-tiles/`, one file per piece named by the SHA-256 of the renderer's key, so that a
/// build after a small change draws only the pieces whose DOT changed and writes only those.
///
/// Each file is a cache entry with its own checksum: one that fails it or belongs to another key is rejected
/// (``BuildCache/rejected``) and the piece drawn again. After a build, files no rendering of it used are removed.
final class SVGTileFolder: SVGTileStore, @unchecked Sendable {
    private let folder: URL
    private let cache: BuildCache
    private let lock = NSLock()
    private var fresh: [String: Data] = [:]
    private var usedHashes: Set<String> = []

    static let name = "svg-tiles"
    static let kind = "svg-tile"

    init(cache: BuildCache) {
        self.cache = cache
        folder = cache.folder.appendingPathComponent(Self.name)
    }

    func svg(forKey key: String) -> Data? {
        let hash = ContentHash.hex(key)
        let url = folder.appendingPathComponent(hash)
        switch CacheFile.read(url, kind: Self.kind, key: hash) {
        case .failure(.missing):
            return nil
        case let .failure(.corrupt(reason)):
            cache.reject(url, reason)
            return nil
        case let .success(svg):
            return svg
        }
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
        usedHashes.formUnion(hashes)
        lock.unlock()
    }

    /// Writes the pieces drawn by this build and removes the files of pieces it did not use.
    func save() {
        lock.lock()
        defer { lock.unlock() }
        guard cache.writable else { return }
        for (hash, svg) in fresh.sorted(by: { $0.key < $1.key }) {
            try? CacheFile.writeAtomically(CacheFile.encode(kind: Self.kind, key: hash, payload: svg),
                                           to: folder.appendingPathComponent(hash))
        }
        let present = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in present where !usedHashes.contains(name) && !name.hasPrefix(".") {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        fresh = [:]
    }
}
