import Foundation
import TimelineModel

/// Remembers ``TimexEDTF/edtf(value:mod:)`` results, which news text asks for again and again (`P1Y`,
/// `PRESENT_REF`, `1998`...) and which parse EDTF to check their result. Shared by all tagging calls,
/// thread-safe, and bounded: it is emptied when it reaches `limit` entries, so memory stays flat.
final class EDTFCache: @unchecked Sendable {
    private struct Key: Hashable { var value: String; var mod: String? }
    private var map: [Key: String?] = [:]
    private var valid: [String: Bool] = [:]
    private let lock = NSLock()
    private let limit: Int

    init(limit: Int = 4096) { self.limit = limit }

    /// Whether `x` parses as EDTF (`EDTF(x) != nil`), remembered like the derived values.
    func isValid(_ x: String) -> Bool {
        lock.lock()
        if let hit = valid[x] { lock.unlock(); return hit }
        lock.unlock()
        let result = EDTF(x) != nil
        lock.lock()
        if valid.count >= limit { valid.removeAll(keepingCapacity: true) }
        valid[x] = result
        lock.unlock()
        return result
    }

    func edtf(value: String, mod: String?) -> String? {
        // Durations, sets and references (`P3Y`, `XXXX-WXX`, `PRESENT_REF`) have none: only a value that starts
        // with a digit can (see ``TimexEDTF``).
        guard let first = value.utf8.first, first &- UInt8(ascii: "0") < 10 else { return nil }
        // A valid plain `YYYY`, `YYYY-MM` or `YYYY-MM-DD` without a mod is its own EDTF: checking that is
        // cheaper than hashing the key. (An invalid one, `1998-13`, is left to TimexEDTF, which rejects it too.)
        if mod == nil, EDTF.plainPoint(value) != nil { return value }
        let key = Key(value: value, mod: mod)
        lock.lock()
        if let hit = map[key] { lock.unlock(); return hit }
        lock.unlock()
        let result = TimexEDTF.edtf(value: value, mod: mod)
        lock.lock()
        if map.count >= limit { map.removeAll(keepingCapacity: true) }
        map[key] = .some(result)
        lock.unlock()
        return result
    }
}
