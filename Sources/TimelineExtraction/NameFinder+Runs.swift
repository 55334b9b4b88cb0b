/// Runs of capitalised words and what they name: a person, an organisation, a place, or nothing.
extension NameFinder {
    /// A run of capitalised words, before classification.
    struct Run {
        var first: Int, last: Int   // word indices
        var text: String
        var kind: Kind?
        /// Whether the kind comes from a clue that the document's other occurrences of the name overrule (a
        /// preposition of place, two capitalised words).
        var weak = false
        /// Opens a sentence.
        var initial: Bool
        /// Part of something that is no name (`Treaty of Friendship, Alliance and Mutual Assistance`).
        var excluded = false
    }

    /// Whether a word may be part of a name: capitalised, with a lower-case letter or all capitals (`NATO`), or
    /// an initial (`W.`).
    func isNameWord(_ i: Int, _ words: Words) -> Bool {
        words[i].capitalised && !words[i].cls.contains(.notName)
    }

    /// The run of name words starting at word `k` (after any words of `notNames` and person titles), or nil.
    func run(at k: Int, _ words: Words) -> Run? {
        guard words[k].capitalised else { return nil }
        var first = k
        var titled = false
        // Person titles and words that are no names lead into a run: `President Joe Biden`, `In Leiden`.
        while first < words.count, words[first].capitalised, first == k || words[first].joined {
            let c = words[first].cls
            if c.contains(.personTitle) && first + 1 < words.count && words[first + 1].joined && words[first + 1].capitalised
                && !words[first].possessive {
                titled = true
            } else if c.contains(.notName) && !words[first].possessive {
                titled = false
            } else {
                break
            }
            first += 1
        }
        guard first < words.count, words[first].capitalised, first == k || words[first].joined,
              isNameWord(first, words) else { return nil }
        // A sentence opened by a verb or an adverb (`Acquired Widgets Ltd`): the verb is no part of the name.
        if first == k, words[k].initial, first + 1 < words.count, words[first + 1].joined, isNameWord(first + 1, words),
           words.text(first).hasSuffix("ed") || words.text(first).hasSuffix("ing") || words.text(first).hasSuffix("ly") {
            first += 1
        }
        let afterTitles = first
        var last = first
        while !words[last].possessive {
            let j = last + 1
            guard j < words.count, words[j].joined else { break }
            if isNameWord(j, words) {
                last = j
            } else if words.cls(j).contains(.connector), j + 1 < words.count, words[j + 1].joined, isNameWord(j + 1, words),
                      !words.is(j, "of") || words[last].cls.contains(.ofHead) {
                last = j + 1
            } else {
                break
            }
        }
        // A title inside the run (`Finance Minister Anton Siluanov`, `Secretary of State Antony Blinken`) leads into
        // the name after it.
        if let p = (first..<last).last(where: { words[$0].cls.contains(.personTitle) && !words[$0].possessive }) {
            var q = p + 1
            if words.cls(q).contains(.connector) { q += 2 }
            if q <= last { first = q; titled = true }
        }
        // `Justice Department`: a title before an organisation's word is part of its name.
        if titled, words[last].cls.contains(.organisationWord) {
            first = k
            while first < afterTitles, !words[first].cls.contains(.personTitle) { first += 1 }
            titled = false
        }
        // A title with no name after it (`Czech Foreign Minister`) is a role.
        if words[last].cls.contains(.personTitle) { return nil }
        // Initials alone (`A.`) are no name.
        if first == last, words[first].end - words[first].start == 1 { return nil }
        let text = first == last ? words.text(first) : (first...last).map(words.text).joined(separator: " ")
        let initial = first == k && words[k].initial
        return Run(first: first, last: last, text: text, kind: titled ? .person : nil, initial: initial)
    }

    /// Whether a word of the run makes it no name (`First World War`, `Prix Lacaze`).
    func isOther(_ r: Run, _ words: Words) -> Bool {
        (r.first...r.last).contains { words[$0].cls.contains(.otherWord) }
    }

    /// Whether the run is listed, after a comma or `and`, with a run that is no name.
    func continuesOther(_ r: Run, _ words: Words, _ otherEnds: Set<Int>) -> Bool {
        var i = r.first - 1
        if i >= 0, words.is(i, "and") {
            guard words[i + 1].joined else { return false }
            i -= 1
        }
        return i >= 0 && otherEnds.contains(i)
    }

    /// Whether the run follows a capitalised possessive (`People's Liberation Army`): part of a longer name.
    func followsPossessiveName(_ r: Run, _ words: Words) -> Bool {
        let i = r.first - 1
        return i >= 0 && words[r.first].joined && words[i].possessive && words[i].capitalised
    }

    /// The kind a run's own words and its context give, or nil.
    func classify(_ r: Run, _ words: Words) -> (Kind, weak: Bool)? {
        let count = r.last - r.first + 1
        let lastClass = words[r.last].cls
        // `Optica Labs`, `University of Geneva`: an organisation's word ends the name or its part before `of`;
        // alone (`the Commission`), it is a common noun.
        if lastClass.contains(.organisationWord) { return count > 1 ? (.organisation, false) : nil }
        if let of = (r.first...r.last).first(where: { !words[$0].capitalised && words.cls($0).contains(.connector) }),
           of > r.first, words[of - 1].cls.contains(.organisationWord) {
            return (.organisation, false)
        }
        let allCapitals = words.s[words[r.last].start..<words[r.last].end].allSatisfy(Self.isUppercase)
        if count == 1, words[r.last].end - words[r.last].start >= 3, allCapitals { return (.organisation, false) }
        if count > 1, lastClass.contains(.placeWord) || words[r.first].cls.contains(.placeFirst) { return (.place, false) }
        // Context before: up to two words of the same clause.
        func before(_ d: Int) -> Int? {
            let i = r.first - d
            guard i >= 0, words[i + 1].joined else { return nil }
            return i
        }
        let b1 = before(1), b2 = before(2)
        let c1 = b1.map(words.cls) ?? [], c2 = b2.map(words.cls) ?? []
        if let b1, words.is(b1, "of"), c2.contains(.placeNoun) { return (.place, false) }
        if c1.contains(.personRole) { return (.person, false) }
        if let b1, let b2, c2.contains(.roleFirst), twoWordRoles.contains(words.text(b2) + " " + words.text(b1)) {
            return (.person, false)
        }
        // After a preposition of place (`in Leiden`), unless a noun follows (`in Catholic schools`).
        let after = r.last + 1
        if c1.contains(.placePreposition), !words[r.last].possessive, !allCapitals,
           after >= words.count || !words[after].joined || words[after].capitalised || words.cls(after).contains(.placeFollower) {
            return (.place, true)
        }
        // A lifespan after it: `Marguerite Aubel (1871–1949)`, `(born 1950)`, `(c. 1603 – 1671)`.
        var j = words[r.last].end
        while j < words.s.count, words.s[j] == " " { j += 1 }
        if j + 1 < words.s.count, words.s[j] == "(", count > 1,
           Self.isDigit(words.s[j + 1]) || words.s[j + 1] == "b" || words.s[j + 1] == "c" {
            return (.person, false)
        }
        // Context after: a cue of a person (`Kessler said`, `Kessler, who`).
        if after < words.count, words.cls(after).contains(.cueFirst) {
            for cue in personCues where cue.count <= words.count - after {
                if (0..<cue.count).allSatisfy({ words.text(after + $0).lowercased() == cue[$0] }) { return (.person, false) }
            }
        }
        // Followed by a place noun (`the Big Bend region`).
        if after < words.count, words[after].joined, !words[after].capitalised,
           words.cls(after).contains(.placeNoun) { return (.place, true) }
        // Two or three capitalised words (with a particle such as `de` or `van` between them, not `of`), none all
        // capitals, not after an article (`the Great Hall`) nor in a heading (`## March 2020: Product Launch`): a
        // person's name (`Francis de Groot`).
        let capitalised = (r.first...r.last).filter { words[$0].capitalised }
        if (2...3).contains(capitalised.count), !c1.contains(.determiner),
           (r.first...r.last).allSatisfy({ words[$0].capitalised || !words.is($0, "of") }),
           !isInHeading(words[r.first].start, words.s),
           capitalised.allSatisfy({ i in words.s[(words[i].start + 1)..<words[i].end].contains(where: Self.isLowercase) }) {
            return (.person, true)
        }
        return nil
    }
}
