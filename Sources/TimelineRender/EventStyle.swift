import TimelineModel

/// Colours and line styles of the timeline, by event type and relation type.
enum EventStyle {
    /// Fill and border colours for an event type. Known types have fixed colours; any other type gets a
    /// colour from a spare palette chosen by a stable hash of its name (the same type, the same colour).
    static func colors(forType type: String) -> (fill: String, border: String) {
        let key = type.lowercased()
        if let known = known[key] { return known }
        return spare[Int(fnv1a(key) % UInt32(spare.count))]
    }

    private static let known: [String: (fill: String, border: String)] = [
        "war": ("#f4c7c3", "#b3261e"),
        "conflict": ("#fbe0c3", "#c25e00"),
        "military-cooperation": ("#d0e4e8", "#2e6b78"),
        "diplomacy": ("#cfe2f3", "#1f5b99"),
        "politics": ("#e1d5ef", "#5e3d8f"),
        "economy": ("#d5ead0", "#3a7a2b"),
        "sanctions": ("#fff0bf", "#9a7b00"),
        "disaster": ("#e6d3c8", "#7a4a2e"),
        "science": ("#d4f0ec", "#1f7a70"),
        "culture": ("#f6d6e8", "#a0376e"),
        "business": ("#e4ecd0", "#5b6e1f"),
        "life": ("#f5e6d0", "#8a5a1e"),
        "event": ("#ececec", "#666666"),
    ]

    private static let spare: [(fill: String, border: String)] = [
        ("#e8e3d3", "#6b5e34"), ("#dbe7f0", "#3d6580"), ("#eadbe4", "#7a4366"),
        ("#dcead9", "#4b6b45"), ("#f0e1d4", "#8a5a33"), ("#e0e0f0", "#4a4a8a"),
    ]

    /// How an edge of each relation type looks: colour, line style, arrowhead, label.
    static func relation(_ type: RelationType) -> (color: String, style: String, arrowhead: String, label: String) {
        switch type {
        case .causes: return ("#b3261e", "solid", "normal", "causes")
        case .responseTo: return ("#1f5b99", "dashed", "vee", "response to")
        case .partOf: return ("#5e3d8f", "dotted", "odiamond", "part of")
        case .precedes: return ("#555555", "solid", "empty", "precedes")
        }
    }

    /// 32-bit FNV-1a: a hash that, unlike `Hasher`, is the same in every run.
    static func fnv1a(_ s: String) -> UInt32 {
        var h: UInt32 = 0x811C_9DC5
        for b in s.utf8 {
            h ^= UInt32(b)
            h = h &* 0x0100_0193
        }
        return h
    }
}
