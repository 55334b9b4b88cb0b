import TimelineModel

/// One real event told at different precisions, `In May 2014` in one article and `on 21 May 2014` in another:
/// the year or month event joins the finer event inside its period that tells the same thing, when exactly one
/// does.
///
/// The same thing: compatible types (``Cluster/compatible(_:_:)``, neither untyped) and two shared actors or
/// places; or one shared actor or place and two shared title words; or three shared title words (with
/// incompatible types: and one shared actor or place). A month event is matched before a year event, so that a
/// year joins the day its month has joined.
enum PrecisionMerge {
    /// For each event, the index of the event it joins (never one that joins another), or nil.
    static func targets(_ events: [Event]) -> [Int?] {
        var target = [Int?](repeating: nil, count: events.count)
        let coarse = events.indices.filter { events[$0].date.precision == .year || events[$0].date.precision == .month }
        guard !coarse.isEmpty else { return target }
        // Finer events by year (the first four characters of their start).
        var byYear: [Substring: [Int]] = [:]
        for i in events.indices where events[i].date.precision == .day || events[i].date.precision == .month {
            byYear[events[i].date.start.prefix(4), default: []].append(i)
        }
        var entities: [Int: Set<String>] = [:], words: [Int: Set<String>] = [:]
        func entitySet(_ i: Int) -> Set<String> {
            if let e = entities[i] { return e }
            let e = Set(events[i].actors + events[i].places)
            entities[i] = e
            return e
        }
        func wordSet(_ i: Int) -> Set<String> {
            if let w = words[i] { return w }
            let w = Set(Slug.contentWords(events[i].title))
            words[i] = w
            return w
        }
        func same(_ a: Int, _ b: Int) -> Bool {
            let ta = events[a].type, tb = events[b].type
            let typed = ta != "event" && tb != "event"
            let sharedEntities = entitySet(a).intersection(entitySet(b)).count
            if typed && !Cluster.compatible(ta, tb) {
                // Types that disagree (a deal read as economy and as agreement) need the words to agree.
                return sharedEntities >= 1 && wordSet(a).intersection(wordSet(b)).count >= 3
            }
            if typed && sharedEntities >= 2 { return true }
            let sharedWords = wordSet(a).intersection(wordSet(b)).count
            return (sharedEntities >= 1 && sharedWords >= 2) || sharedWords >= 3
        }
        let order = coarse.filter { events[$0].date.precision == .month } + coarse.filter { events[$0].date.precision == .year }
        for i in order {
            let date = events[i].date
            var found: Int?
            var ambiguous = false
            for j in byYear[date.start.prefix(4)] ?? [] where j != i {
                let d = events[j].date
                guard d.precision == .day || (d.precision == .month && date.precision == .year),
                      d.start >= date.start, d.end <= date.end, same(i, j) else { continue }
                let t = target[j] ?? j
                if let f = found, f != t { ambiguous = true; break }
                found = t
            }
            if !ambiguous, let f = found { target[i] = f }
        }
        // A month that joined a day passes the year events that chose it on to that day.
        for i in target.indices { if let t = target[i], let u = target[t] { target[i] = u } }
        return target
    }
}
