import TimelineModel

/// One real event told at different precisions, `In May 2014` in one article and `on 21 May 2014` in another:
/// the year or month event joins the finer event inside its period that tells the same thing, when exactly one
/// could.
///
/// Candidates are the finer events of the period whose actors and places agree (two shared, or one when an
/// event names only one, or neither names any) and, in one language, that share a title word besides the
/// names. With two or more, which one is meant is unknown and nothing is joined. The one candidate is joined when
/// it tells the same thing: for a Chinese and an English title, which share no words, compatible types
/// (``Cluster/compatible(_:_:)``, neither untyped) and shared actors and places that make two thirds of the
/// smaller event's; otherwise two shared title words besides the names (three when the types disagree or no
/// actor or place is named). Months are matched before years, so that a year joins the day its month joined.
enum PrecisionMerge {
    /// For each event, the index of the event it joins (never one that joins another), or nil.
    static func targets(_ events: [Event]) -> [Int?] {
        var target = [Int?](repeating: nil, count: events.count)
        guard events.contains(where: { $0.date.precision == .year || $0.date.precision == .month }) else { return target }
        // Each event's interval as yyyymmdd integers.
        let start = events.map { day($0.date.start) }, end = events.map { day($0.date.end) }
        // Each event's type family (-1: untyped) and whether its title is Chinese, made when first asked.
        var families: [String: Int] = [:]
        var familyOf = [Int](repeating: -2, count: events.count)
        func family(_ i: Int) -> Int {
            if familyOf[i] != -2 { return familyOf[i] }
            var f = -1
            if events[i].type != "event" {
                let key = Cluster.families[events[i].type] ?? events[i].type
                if let known = families[key] { f = known } else { f = families.count; families[key] = f }
            }
            familyOf[i] = f
            return f
        }
        var hanOf = [Int8](repeating: -1, count: events.count)
        func han(_ i: Int) -> Bool {
            if hanOf[i] < 0 { hanOf[i] = events[i].title.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } ? 1 : 0 }
            return hanOf[i] == 1
        }
        // Finer events by month (days) and by year (days and months).
        var byMonth: [Int: [Int]] = [:], byYear: [Int: [Int]] = [:]
        for i in events.indices {
            switch events[i].date.precision {
            case .day:
                byMonth[start[i] / 100, default: []].append(i)
                byYear[start[i] / 10_000, default: []].append(i)
            case .month:
                byYear[start[i] / 10_000, default: []].append(i)
            default: break
            }
        }
        // Title words as sorted hashes (compared within this pass only), without the words of the event's
        // actors' and places' names (those agree already or not).
        var words: [Int: [UInt64]] = [:]
        var nameWords: [String: [UInt64]] = [:]
        func wordSet(_ i: Int) -> [UInt64] {
            if let w = words[i] { return w }
            var names: [UInt64] = []
            for list in [events[i].actors, events[i].places] {
                for name in list {
                    if let known = nameWords[name] { names += known; continue }
                    let h = wordHashes(name)
                    nameWords[name] = h
                    names += h
                }
            }
            let w = wordHashes(events[i].title).filter { !names.contains($0) }
            words[i] = w
            return w
        }
        func sharedEntities(_ a: Int, _ b: Int) -> Int {
            var n = 0
            for x in events[a].actors where events[b].actors.contains(x) || events[b].places.contains(x) { n += 1 }
            for x in events[a].places where events[b].actors.contains(x) || events[b].places.contains(x) { n += 1 }
            return n
        }
        /// Whether a finer event could be this one: the actors and places agree (two shared, one when an event
        /// names one, or none named) and, in one language, a title word besides the names is shared.
        func agrees(_ a: Int, _ b: Int) -> Bool {
            let entities = sharedEntities(a, b)
            let smaller = min(events[a].actors.count + events[a].places.count, events[b].actors.count + events[b].places.count)
            let none = events[a].actors.isEmpty && events[a].places.isEmpty && events[b].actors.isEmpty && events[b].places.isEmpty
            guard none || (smaller > 0 && entities >= min(2, smaller)) else { return false }
            return han(a) != han(b) || shared(wordSet(a), wordSet(b)) > 0
        }
        func same(_ a: Int, _ b: Int) -> Bool {
            let typed = family(a) >= 0 && family(b) >= 0
            let entities = sharedEntities(a, b)
            let smaller = min(events[a].actors.count + events[a].places.count, events[b].actors.count + events[b].places.count)
            let none = events[a].actors.isEmpty && events[a].places.isEmpty && events[b].actors.isEmpty && events[b].places.isEmpty
            // Titles in two languages share no words: there the actors and places decide.
            if typed && family(a) == family(b) && entities >= 2 && 3 * entities >= 2 * smaller && han(a) != han(b) {
                return true
            }
            let sharedWords = shared(wordSet(a), wordSet(b))
            if none { return sharedWords >= 3 && (!typed || family(a) == family(b)) }
            // Types that disagree (a deal read as economy and as agreement) need more of the words to agree.
            return sharedWords >= (typed && family(a) != family(b) ? 3 : 2)
        }
        for pass in [DatePrecision.month, .year] {
            for i in events.indices where events[i].date.precision == pass {
                let candidates = pass == .month ? byMonth[start[i] / 100] ?? [] : byYear[start[i] / 10_000] ?? []
                var found: Int?
                var ambiguous = false
                // Every finer event whose actors agree is a candidate; with two or more, which one is meant is not
                // known (`In July, China and Russia held drills` beside drills on July 3 and on July 20).
                for j in candidates where j != i && start[j] >= start[i] && end[j] <= end[i] && agrees(i, j) {
                    let t = target[j] ?? j
                    if let f = found, f != t { ambiguous = true; break }
                    found = t
                }
                if !ambiguous, let f = found, same(i, f) { target[i] = f }
            }
        }
        return target
    }

    /// The content words of `text` (``Slug/contentWords(_:)``) as sorted, distinct FNV-1a hashes; ASCII text is
    /// hashed from its bytes without making strings.
    static func wordHashes(_ text: String) -> [UInt64] {
        var out: [UInt64] = []
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var h: UInt64 = 0xcbf29ce484222325, length = 0
            func flush() {
                if length > 1, !stopHashes.contains(h) { out.append(h) }
                h = 0xcbf29ce484222325
                length = 0
            }
            for b in text.utf8 {
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    h = (h ^ UInt64(b &- 0x41 < 26 ? b | 0x20 : b)) &* 0x100000001b3
                    length += 1
                case UInt8(ascii: "'"): continue
                default: flush()
                }
            }
            flush()
        } else {
            out = Slug.contentWords(text).map(hash)
        }
        out.sort()
        var unique: [UInt64] = []
        for x in out where unique.last != x { unique.append(x) }
        return unique
    }

    static func hash(_ word: String) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in word.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }

    static let stopHashes = Set(Slug.stopwords.map(hash))

    /// How many values two sorted, distinct arrays share.
    static func shared(_ a: [UInt64], _ b: [UInt64]) -> Int {
        var i = 0, j = 0, n = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { n += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return n
    }

    /// `YYYY-MM-DD` as the integer yyyymmdd (0 when it is not that shape).
    static func day(_ iso: String) -> Int {
        func parse<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
            var n = 0, digits = 0
            for b in bytes {
                if b &- 0x30 < 10 { n = n * 10 + Int(b &- 0x30); digits += 1 } else if b != 0x2D { return 0 }
            }
            return digits == 8 ? n : 0
        }
        return iso.utf8.withContiguousStorageIfAvailable { parse($0) } ?? parse(iso.utf8)
    }
}
