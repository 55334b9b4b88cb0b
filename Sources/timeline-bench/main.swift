// timeline-bench: throughput and memory of the temporal tagger on English news-like text, and of the whole
// event extractor (tagger + sentences, titles, entities, relations) on the same text.
//
//   swift build -c release --product timeline-bench
//   .build/release/timeline-bench [--mb 50] [--small-mb 10] [--extract-mb 5] [--te3 DIR] [--rules DIR] [--seed N]
//   .build/release/timeline-bench extract [--mb 5]      # only the tagger and extractor figures, side by side
//   .build/release/timeline-bench --dump [--mb 5] ...   # every expression found, for diffing two builds
//   .build/release/timeline-bench extract-dump DIR      # every mention and relation of a corpus folder
//
// The corpus is built in memory from the TempEval-3 texts (TBAQ-cleaned/*/*.tml, tags stripped), their
// paragraphs shuffled into documents of about 3 KB, each tagged with its source document's creation time.
// Without the TE3 folder a built-in news paragraph is used. Everything printed is deterministic except
// the times, rates and memory figures.
import Foundation
import TimelineCorpus
import TimelineExtraction
import TimelineModel
import TimelineTemporal

// MARK: - Arguments

// `timeline-bench tag [--dct YYYY-MM-DD] [--format json] [--rules DIR] FILE`: tags one file and prints JSON like
// `timeline tag --format json` (for te3_eval.py when the full CLI is not at hand).
if CommandLine.arguments.count > 1 && CommandLine.arguments[1] == "tag" {
    var args = Array(CommandLine.arguments.dropFirst(2))
    var dct: CalendarDay? = nil, path: String? = nil, rules: String? = nil
    while !args.isEmpty {
        let a = args.removeFirst()
        switch a {
        case "--dct": dct = args.isEmpty ? nil : CalendarDay(iso: args.removeFirst())
        case "--format": if !args.isEmpty { args.removeFirst() }
        case "--rules": rules = args.isEmpty ? nil : args.removeFirst()
        default: path = a
        }
    }
    guard let path, let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("usage: timeline-bench tag [--dct D] [--format json] FILE\n".utf8)); exit(2)
    }
    let tagger = try rules.map { try TemporalTagger(rulesDirectory: URL(fileURLWithPath: $0)) } ?? TemporalTagger.shared
    struct Item: Encodable { let start: Int, end: Int, text: String, type: String, value: String, mod: String?, edtf: String? }
    let items = tagger.tag(String(decoding: data, as: UTF8.self), dct: dct).map {
        Item(start: $0.start, end: $0.end, text: $0.text, type: $0.type.rawValue, value: $0.value, mod: $0.mod, edtf: $0.edtf)
    }
    FileHandle.standardOutput.write(try JSONEncoder().encode(items))
    exit(0)
}

// `timeline-bench extract-dump DIR`: reads a corpus folder and prints every mention and relation the extractor
// finds, one per line, so that two builds of the extractor can be diffed on any corpus.
if CommandLine.arguments.count > 2 && CommandLine.arguments[1] == "extract-dump" {
    let result = try CorpusReader(root: URL(fileURLWithPath: CommandLine.arguments[2])).read()
    let extractor = EventExtractor()
    var out = ""
    for d in result.documents {
        let x = extractor.extract(d)
        out += "## \(d.id) \(x.mentions.count) mentions \(x.relations.count) relations\n"
        for m in x.mentions {
            out += "M \(m.textSpan) \(m.rawSpan) \(m.dateSpan) \(m.edtf ?? "-") \(m.titleQuality) \(m.type) \(m.language)"
                + " s\(m.sentence) [\(m.actors.joined(separator: ","))] [\(m.places.joined(separator: ","))]"
                + " \(m.dateText) | \(m.title) | \(m.quote)\n"
        }
        for r in x.relations {
            out += "R \(r.from) \(r.to) \(r.type.rawValue) \(r.evidence.span) \(r.evidence.quote)\n"
        }
        if out.utf8.count > 1 << 20 { FileHandle.standardOutput.write(Data(out.utf8)); out = "" }
    }
    FileHandle.standardOutput.write(Data(out.utf8))
    exit(0)
}

var extractOnly = false
if CommandLine.arguments.count > 1 && CommandLine.arguments[1] == "extract" { extractOnly = true }

var targetMB = 50.0
var smallMB = 10.0
var extractMB = 5.0
var te3Dir = "/work/shared/te3/TBAQ-cleaned"
var rulesDir: String? = nil
var seed: UInt64 = 1
var dump = false
var rounds = 1
var stress = false
do {
    var args = Array(CommandLine.arguments.dropFirst(extractOnly ? 2 : 1))
    func value() -> String {
        guard !args.isEmpty else { FileHandle.standardError.write(Data("missing option value\n".utf8)); exit(2) }
        return args.removeFirst()
    }
    while !args.isEmpty {
        let a = args.removeFirst()
        switch a {
        case "--mb": targetMB = Double(value()) ?? targetMB
        case "--small-mb": smallMB = Double(value()) ?? smallMB
        case "--extract-mb": extractMB = Double(value()) ?? extractMB
        case "--te3": te3Dir = value()
        case "--rules": rulesDir = value()
        case "--seed": seed = UInt64(value()) ?? seed
        case "--rounds": rounds = max(1, Int(value()) ?? 1)
        case "--dump": dump = true
        case "--stress": stress = true
        default:
            FileHandle.standardError.write(Data("""
                usage: timeline-bench [--mb 50] [--small-mb 10] [--extract-mb 5] [--te3 DIR] [--rules DIR] [--seed N] [--rounds N] [--dump] [--stress]
                       timeline-bench extract [--mb 5] [--te3 DIR] [--seed N] [--rounds N]
                       timeline-bench extract-dump DIR
                       timeline-bench tag [--dct D] [--format json] FILE

                """.utf8))
            exit(2)
        }
    }
}

// MARK: - Helpers


/// Peak resident set size (VmHWM) in MB, from /proc/self/status.
func peakRSSMB() -> Double {
    guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in s.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? -1
        return kb / 1024
    }
    return -1
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// CPU time of this process (user + system), which other processes on the machine do not inflate.
func cpuNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func fmt(_ x: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", x) }

/// FNV-1a, for a deterministic checksum of the results.
struct Checksum {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func add(_ s: String) { for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }; h = (h ^ 0xff) &* 0x100_0000_01b3 }
    mutating func add(_ i: Int) { add(String(i)) }
}

// MARK: - Source texts

struct Source { var dct: CalendarDay?; var paragraphs: [String] }

func unescape(_ s: String) -> String {
    guard s.contains("&") else { return s }
    return s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
        .replacingOccurrences(of: "&amp;", with: "&")
}

/// The text of a .tml file's <TEXT> element without tags, and its creation time.
func readTML(_ path: String) -> (CalendarDay?, String)? {
    guard let raw = try? String(contentsOfFile: path, encoding: .utf8),
          let open = raw.range(of: "<TEXT>"), let close = raw.range(of: "</TEXT>", range: open.upperBound..<raw.endIndex)
    else { return nil }
    var dct: CalendarDay? = nil
    if let f = raw.range(of: "functionInDocument=\"CREATION_TIME\"") {
        let lineStart = raw[..<f.lowerBound].lastIndex(of: "<") ?? raw.startIndex
        let tag = raw[lineStart..<f.upperBound]
        if let v = tag.range(of: "value=\"") {
            dct = CalendarDay(iso: String(tag[v.upperBound...].prefix(10)))
        }
    }
    var out = ""
    var inTag = false
    for c in raw[open.upperBound..<close.lowerBound] {
        if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { out.append(c) }
    }
    return (dct, unescape(out))
}

let builtinParagraph = """
    WASHINGTON (AP) _ The Federal Reserve said on Tuesday that it would keep interest rates unchanged until \
    at least the middle of 2014, two years later than it had said in January. Prices rose 2.5 percent in \
    the third quarter, the fastest pace since 1998, and economists expect a slowdown next year. The bank's \
    chairman, who took office on Feb. 1, 2006, will testify before Congress on March 5. "We have seen the \
    worst of it," he told reporters late last week, adding that the recovery of the 1990s took almost a decade.
    """

@MainActor func loadSources() -> [Source] {
    var sources: [Source] = []
    let fm = FileManager.default
    for sub in ((try? fm.contentsOfDirectory(atPath: te3Dir)) ?? []).sorted() {
        let dir = te3Dir + "/" + sub
        for f in ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).sorted() where f.hasSuffix(".tml") {
            guard let (dct, text) = readTML(dir + "/" + f) else { continue }
            let paras = text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { !$0.isEmpty }
            if !paras.isEmpty { sources.append(Source(dct: dct, paragraphs: paras)) }
        }
    }
    if sources.isEmpty {
        sources = [Source(dct: CalendarDay(year: 2012, month: 6, day: 20), paragraphs: [builtinParagraph])]
    }
    return sources
}

struct Document { var text: String; var dct: CalendarDay? }

/// About `mb` megabytes of documents of ~3 KB, each made of shuffled paragraphs of the sources.
func makeCorpus(_ sources: [Source], mb: Double, seed: UInt64) -> [Document] {
    var rng = SplitMix64(seed: seed)
    let pool: [(Int, String)] = sources.enumerated().flatMap { i, s in s.paragraphs.map { (i, $0) } }
    let target = Int(mb * 1_000_000)
    var docs: [Document] = []
    var total = 0
    while total < target {
        let src = rng.below(sources.count)
        var text = ""
        while text.utf8.count < 3000 {
            let p = rng.next() % 3 == 0 ? pool[rng.below(pool.count)].1
                : sources[src].paragraphs[rng.below(sources[src].paragraphs.count)]
            if !text.isEmpty { text += "\n\n" }
            text += p
        }
        total += text.utf8.count
        docs.append(Document(text: text, dct: sources[src].dct))
    }
    return docs
}

let tagger: TemporalTagger
if let rulesDir {
    do { tagger = try TemporalTagger(rulesDirectory: URL(fileURLWithPath: rulesDir)) } catch {
        FileHandle.standardError.write(Data("bad rules: \(error)\n".utf8)); exit(1)
    }
} else {
    tagger = TemporalTagger.shared
}

// MARK: - Stress mode: single huge lines

if stress {
    let dct = CalendarDay(year: 2013, month: 3, day: 22)
    for (label, unit, mb) in [("digits", "1234567890", 100), ("the the", "the ", 100), ("dashes", "-", 100),
                              ("June 5, 2019", "June 5, 2019 ", 20), ("random bytes", "", 20)] {
        var text: String
        if unit.isEmpty {
            var rng = SplitMix64(seed: 9)
            var bytes = [UInt8](repeating: 0, count: mb * 1_000_000)
            for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: rng.next()) }
            text = String(decoding: bytes, as: UTF8.self)
        } else {
            text = String(repeating: unit, count: mb * 1_000_000 / unit.utf8.count)
        }
        let rss0 = peakRSSMB()
        let start = now()
        let found = tagger.tag(text, dct: dct)
        let t = now() - start
        print("\(label): one line of \(fmt(Double(text.utf8.count) / 1e6, 1)) MB, \(found.count) timexes, \(fmt(t, 2)) s,"
              + " \(fmt(Double(text.utf8.count) / 1e6 / t, 1)) MB/s, peak RSS \(fmt(rss0)) -> \(fmt(peakRSSMB())) MB")
    }
    exit(0)
}

// MARK: - Dump mode: every expression, for comparing two builds

if dump {
    var out = ""
    @MainActor func emit(_ label: String, _ text: String, _ dct: CalendarDay?, _ lang: TaggerLanguage = .auto) {
        let found = tagger.tag(text, dct: dct, language: lang)
        out += "## \(label) \(dct?.description ?? "none") \(lang.rawValue) \(found.count)\n"
        for e in found {
            out += "\(e.start)\t\(e.end)\t\(e.type.rawValue)\t\(e.value)\t\(e.mod ?? "-")\t\(e.edtf ?? "-")\t\(e.text)\n"
        }
        if out.utf8.count > 1 << 20 { FileHandle.standardOutput.write(Data(out.utf8)); out = "" }
    }
    let sources = loadSources()
    for (i, s) in sources.enumerated() {
        let text = s.paragraphs.joined(separator: "\n\n")
        emit("te3-\(i)", text, s.dct)
        emit("te3-\(i)-nodct", text, nil)
        emit("te3-\(i)-en", text, s.dct, .en)
    }
    let seedsDir = "/work/shared/seeds"
    for f in ((try? FileManager.default.contentsOfDirectory(atPath: seedsDir)) ?? []).sorted() {
        guard let d = FileManager.default.contents(atPath: seedsDir + "/" + f) else { continue }
        emit("seed-\(f)", String(decoding: d, as: UTF8.self), CalendarDay(year: 2025, month: 1, day: 1))
    }
    // Random texts from date-ish words and characters, and mutated TE3 sentences.
    var rng = SplitMix64(seed: seed)
    let alphabet = Array("0123456789 -/.,:'年月日世纪代前后今去上本近十一二三〇abcdefJunMayFriday%$s\n\u{FFFD}é🎉–—’".unicodeScalars)
    let words = ["June", "5", "2019", "the", "1960s", "last", "week", "ago", "years", "early", "mid-", "-", "年", "月",
                 "日", "since", "Friday", "p.m.", "17:35", "fiscal", "quarter", "third", "二〇一九", "近", "上世纪", "a",
                 "two", "twenty", "hundred", "Sept.", "1998", "'s", "90s", "nineteen", "every", "day", "morning", "5pm",
                 "19980303", "Christmas", "this", "next", "year", "month", "of", "in", "about", "$", "%", "S-400",
                 "https://x.org/2019/", "1971-72", "1st", "21st", "century", "The", "May", "may", "one", "half", "Q3"]
    for n in 0..<20000 {
        var text = String.UnicodeScalarView()
        for _ in 0..<rng.below(40) {
            if rng.next() % 3 == 0 {
                text.append(alphabet[rng.below(alphabet.count)])
            } else {
                text.append(contentsOf: words[rng.below(words.count)].unicodeScalars)
                if rng.next() % 4 != 0 { text.append(" ") }
            }
        }
        emit("rand-\(n)", String(text), rng.next() % 3 == 0 ? nil : CalendarDay(year: 2013, month: 3, day: 22))
    }
    let corpus = makeCorpus(sources, mb: targetMB, seed: seed)
    for (i, d) in corpus.enumerated() {
        var scalars = Array(d.text.unicodeScalars)
        for _ in 0..<rng.below(6) where !scalars.isEmpty {
            let p = rng.below(scalars.count)
            switch rng.below(4) {
            case 0: scalars[p] = Unicode.Scalar(UInt8(0x30 + rng.below(10)))
            case 1: scalars.remove(at: p)
            case 2: scalars.insert(alphabet[rng.below(alphabet.count)], at: p)
            default: scalars[p] = " "
            }
        }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars)
        emit("doc-\(i)", String(v), d.dct)
    }
    FileHandle.standardOutput.write(Data(out.utf8))
    exit(0)
}

// MARK: - Benchmark

if extractOnly && !CommandLine.arguments.contains("--mb") { targetMB = 5 }
if extractOnly { extractMB = targetMB; smallMB = targetMB }
let t0 = now()
let sources = loadSources()
let corpus = makeCorpus(sources, mb: max(targetMB, smallMB, extractMB), seed: seed)
let corpusBytes = corpus.reduce(0) { $0 + $1.text.utf8.count }
print(extractOnly ? "temporal tagger and event extractor benchmark" : "temporal tagger benchmark")
print("corpus: \(corpus.count) documents, \(fmt(Double(corpusBytes) / 1e6, 2)) MB from \(sources.count) source documents"
      + " (built in \(fmt(now() - t0, 2)) s)")
_ = tagger.tag("warm-up on June 5, 2019", dct: CalendarDay(year: 2019, month: 6, day: 6))
let rssCorpus = peakRSSMB()
print("peak RSS after building the corpus: \(fmt(rssCorpus)) MB")

struct Pass { var bytes = 0; var docs = 0; var timexes = 0; var seconds = 0.0; var cpu = 0.0; var sum = Checksum() }

@MainActor func tagPass(upTo mb: Double) -> Pass {
    var p = Pass()
    let limit = Int(mb * 1_000_000)
    let start = now(), cpuStart = cpuNow()
    for d in corpus {
        if p.bytes >= limit { break }
        let found = tagger.tag(d.text, dct: d.dct)
        p.bytes += d.text.utf8.count
        p.docs += 1
        p.timexes += found.count
        for e in found { p.sum.add(e.start); p.sum.add(e.end); p.sum.add(e.value); p.sum.add(e.edtf ?? "-") }
    }
    p.seconds = now() - start
    p.cpu = cpuNow() - cpuStart
    return p
}

/// The whole extractor (`EventExtractor.extract`: the tagger, then sentences, quotes, titles, types, entities and
/// relations) on the same documents, one at a time on one core. `timexes` counts the mentions found.
@MainActor func extractPass(upTo mb: Double) -> Pass {
    let extractor = EventExtractor(tagger: tagger)
    var p = Pass()
    let limit = Int(mb * 1_000_000)
    let start = now(), cpuStart = cpuNow()
    for (i, d) in corpus.enumerated() {
        if p.bytes >= limit { break }
        let doc = SourceDocument(id: "bench-\(i)", format: .text, rawText: d.text, text: d.text, offsetMap: nil,
                                 sha256: "", title: nil, date: d.dct, metadataRanges: [], languages: ["en"])
        let x = extractor.extract(doc)
        p.bytes += d.text.utf8.count
        p.docs += 1
        p.timexes += x.mentions.count
        for m in x.mentions {
            p.sum.add(m.textSpan.lowerBound); p.sum.add(m.textSpan.upperBound); p.sum.add(m.edtf ?? "-")
            p.sum.add(m.title); p.sum.add(m.type); p.sum.add(m.actors.joined(separator: ","))
        }
        for r in x.relations { p.sum.add(r.from); p.sum.add(r.to); p.sum.add(r.type.rawValue) }
    }
    p.seconds = now() - start
    p.cpu = cpuNow() - cpuStart
    return p
}

@MainActor func report(_ label: String, _ p: Pass, what: String = "timexes") {
    let mb = Double(p.bytes) / 1e6
    print("\(label): \(fmt(mb, 2)) MB, \(p.docs) documents, \(p.timexes) \(what), checksum \(String(p.sum.h, radix: 16))")
    print("  \(fmt(p.seconds, 3)) s, \(fmt(mb / p.seconds, 2)) MB/s (CPU \(fmt(p.cpu, 3)) s, \(fmt(mb / p.cpu, 2)) MB/s), peak RSS \(fmt(peakRSSMB())) MB"
          + " (+\(fmt(peakRSSMB() - rssCorpus)) MB over the corpus)")
}

/// The extractor's figures beside the tagger's on the same bytes: MB/s of CPU time, i.e. per core.
@MainActor func compare(tag: Pass, extract: Pass) {
    let mb = Double(extract.bytes) / 1e6
    let tagRate = Double(tag.bytes) / 1e6 / tag.cpu, extractRate = mb / extract.cpu
    print("per core (MB/s of CPU time) on \(fmt(mb, 2)) MB: tagger \(fmt(tagRate, 2)), extractor \(fmt(extractRate, 2))"
          + " (the extractor costs \(fmt(tagRate / extractRate, 2))× the tagger alone)")
}

if extractOnly {
    var bestTag: Pass? = nil, bestExtract: Pass? = nil
    for r in 0..<rounds {
        let suffix = rounds > 1 ? " (round \(r + 1))" : ""
        let t = tagPass(upTo: extractMB)
        report("tag \(fmt(extractMB, 0)) MB" + suffix, t)
        let x = extractPass(upTo: extractMB)
        report("extract \(fmt(extractMB, 0)) MB" + suffix, x, what: "mentions")
        if bestTag.map({ t.cpu < $0.cpu }) ?? true { bestTag = t }
        if bestExtract.map({ x.cpu < $0.cpu }) ?? true { bestExtract = x }
    }
    compare(tag: bestTag!, extract: bestExtract!)
    exit(0)
}

let small = tagPass(upTo: smallMB)
report("tag \(fmt(smallMB, 0)) MB", small)
var best = 0.0
for r in 0..<rounds {
    let full = tagPass(upTo: targetMB)
    report("tag \(fmt(targetMB, 0)) MB" + (rounds > 1 ? " (round \(r + 1))" : ""), full)
    best = max(best, Double(full.bytes) / 1e6 / full.cpu)
}
if rounds > 1 { print("best: \(fmt(best, 2)) MB/s of CPU time") }
if extractMB > 0 {
    let tagSmall = extractMB == smallMB ? small : tagPass(upTo: extractMB)
    let x = extractPass(upTo: extractMB)
    report("extract \(fmt(extractMB, 0)) MB", x, what: "mentions")
    compare(tag: tagSmall, extract: x)
}
