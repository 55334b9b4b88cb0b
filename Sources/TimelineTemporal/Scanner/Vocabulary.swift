/// Every token key a rule or word list can mention (`june`, `-`, `年`), interned to small integer ids.
///
/// The text scanner reads each token's lower-cased UTF-8 bytes eight at a time and looks them up here (a
/// short word by its bytes as one integer, a longer one by their hash): a word no rule can use gets id -1
/// without ever becoming a `String`.
final class Vocabulary: Sendable {
    /// The keys by id.
    let keys: [String]
    private let bytes: [UInt8]
    private let offsets: [Int]  // keys[id] is bytes[offsets[id]..<offsets[id + 1]]
    private let slots: [Int32]  // open addressing: id or -1
    private let mask: Int
    /// Keys of at most eight bytes as integers (their bytes little-endian, zero-padded), by open addressing
    /// from ``shortSlot(_:_:)`` (0: an empty slot), with their ids beside them.
    private let shortHeads: [UInt64]
    private let shortIDs: [Int32]
    private let shortShift: UInt64
    /// One bit per hash value (its top bits): most words of a text are in no rule, and this small table
    /// (4 KB, in L1 cache) says so without touching `slots`.
    private let filter: [UInt64]
    private static let filterBits = 15
    /// The longest key in bytes; longer tokens are never looked up.
    let maxLength: Int

    init<S: Sequence>(_ keySet: S) where S.Element == String {
        let keys = Array(Set(keySet)).sorted()
        self.keys = keys
        var bytes: [UInt8] = []
        var offsets: [Int] = [0]
        var maxLength = 0
        for k in keys {
            bytes += Array(k.utf8)
            offsets.append(bytes.count)
            maxLength = max(maxLength, k.utf8.count)
        }
        var size = 64
        while size < keys.count * 4 { size <<= 1 }
        var slots = [Int32](repeating: -1, count: size)
        var filter = [UInt64](repeating: 0, count: (1 << Vocabulary.filterBits) / 64)
        for (id, k) in keys.enumerated() {
            let h = Vocabulary.finish(Vocabulary.hash(k.utf8))
            let f = Vocabulary.filterIndex(h)
            filter[f >> 6] |= 1 << UInt64(f & 63)
            var s = Int(truncatingIfNeeded: h) & (size - 1)
            while slots[s] >= 0 { s = (s + 1) & (size - 1) }
            slots[s] = Int32(id)
        }
        self.bytes = bytes
        self.offsets = offsets
        // Each key's first eight bytes as a little-endian integer (zero-padded).
        let heads = keys.map { k in
            var x: UInt64 = 0
            for (i, b) in k.utf8.prefix(8).enumerated() { x |= UInt64(b) << UInt64(8 * i) }
            return x
        }
        self.slots = slots
        // The short keys' table, at most a quarter full.
        let short = keys.indices.filter { keys[$0].utf8.count <= 8 }
        var shortBits = 6
        while (1 << shortBits) < short.count * 4 { shortBits += 1 }
        var shortHeads = [UInt64](repeating: 0, count: 1 << shortBits)
        var shortIDs = [Int32](repeating: -1, count: 1 << shortBits)
        for id in short {
            var x = Vocabulary.shortSlot(heads[id], UInt64(64 - shortBits))
            while shortHeads[x] != 0 { x = (x + 1) & ((1 << shortBits) - 1) }
            shortHeads[x] = heads[id]
            shortIDs[x] = Int32(id)
        }
        self.shortHeads = shortHeads
        self.shortIDs = shortIDs
        shortShift = UInt64(64 - shortBits)
        var asciiIDs = [Int32](repeating: -1, count: 128)
        for (id, k) in keys.enumerated() where k.utf8.count == 1 && k.utf8.first! < 0x80 { asciiIDs[Int(k.utf8.first!)] = Int32(id) }
        self.asciiIDs = asciiIDs
        self.filter = filter
        self.mask = size - 1
        self.maxLength = maxLength
    }

    /// A key's hash: its bytes in chunks of eight, each read as a little-endian integer (the last one padded
    /// with zero bytes) and mixed in with ``mix(_:chunk:)``, from ``seed``. The scanner hashes a word eight bytes
    /// at a time this way; ``finish(_:)`` spreads the bits before a lookup.
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    @inline(__always) static func mix(_ h: UInt64, chunk: UInt64) -> UInt64 { (h ^ chunk) &* 0x9E37_79B9_7F4A_7C15 }
    @inline(__always) static func finish(_ h: UInt64) -> UInt64 {
        var x = h ^ (h >> 31)
        x = x &* 0xBF58_476D_1CE4_E5B9
        return x ^ (x >> 29)
    }

    /// The (unfinished) hash of `bytes`, as the scanner computes it for a token with that key.
    static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h = seed, chunk: UInt64 = 0, k: UInt64 = 0
        for b in bytes {
            chunk |= UInt64(b) << (8 * k)
            k += 1
            if k == 8 { h = mix(h, chunk: chunk); chunk = 0; k = 0 }
        }
        return k > 0 ? mix(h, chunk: chunk) : h
    }

    var count: Int { keys.count }

    /// The id of each one-byte ASCII key (the key is the byte as written, not lower-cased), -1 for none.
    let asciiIDs: [Int32]

    @inline(__always) static func filterIndex(_ h: UInt64) -> Int { Int(truncatingIfNeeded: h >> (64 - UInt64(filterBits))) }

    /// The id of `key`, or -1.
    func id(of key: String) -> Int32 {
        var a = Array(key.utf8)
        return a.withUnsafeMutableBufferPointer { p in
            lookup(p.baseAddress!, p.count, hash: Vocabulary.hash(p), lower: false)
        }
    }

    /// The id whose key `isKey` accepts among the slots of the key hashed (``hash(_:)``) to `raw`, or -1. The
    /// filter rejects most words no rule mentions before any slot is read.
    @inline(__always)
    private func probe(_ raw: UInt64, _ isKey: (Int32, UnsafeBufferPointer<Int>) -> Bool) -> Int32 {
        let hash = Vocabulary.finish(raw)
        let f = Vocabulary.filterIndex(hash)
        if filter.withUnsafeBufferPointer({ $0[f >> 6] & (1 << UInt64(f & 63)) }) == 0 { return -1 }
        var s = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            offsets.withUnsafeBufferPointer { off in
                while true {
                    let id = slots[s]
                    if id < 0 { return -1 }
                    if isKey(id, off) { return id }
                    s = (s + 1) & mask
                }
            }
        }
    }

    /// Looks up a key of at most eight bytes, given as its lower-cased bytes in a little-endian integer
    /// (zero-padded, as ``hash(_:)`` reads it: no key holds a zero byte, so the integer says the length too).
    /// One multiplication finds its slot in ``shortHeads``; a word that is no key usually costs one read.
    @inline(__always)
    func lookup(short head: UInt64) -> Int32 {
        var s = Vocabulary.shortSlot(head, shortShift)
        return shortHeads.withUnsafeBufferPointer { hs in
            while true {
                let h = hs[s]
                if h == head { return shortIDs.withUnsafeBufferPointer { $0[s] } }
                if h == 0 { return -1 }
                s = (s + 1) & (hs.count - 1)
            }
        }
    }

    @inline(__always) private static func shortSlot(_ head: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (head &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Looks up `len` bytes at `p` whose ``hash(_:)`` (after ASCII lower-casing when `lower`) is `raw`.
    @inline(__always)
    func lookup(_ p: UnsafePointer<UInt8>, _ len: Int, hash raw: UInt64, lower: Bool) -> Int32 {
        if len > maxLength || len == 0 { return -1 }
        return bytes.withUnsafeBufferPointer { kb in
            probe(raw) { id, off in
                let o = off[Int(id)]
                guard off[Int(id) + 1] - o == len else { return false }
                for k in 0..<len {
                    var b = p[k]
                    if lower && b &- 0x41 < 26 { b |= 0x20 }
                    if b != kb[o + k] { return false }
                }
                return true
            }
        }
    }
}
