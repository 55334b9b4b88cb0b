import TimelineModel
@testable import TimelineTemporal

/// The DCT most tests use (a Friday), as in TempEval-3's examples.
let dct2013 = CalendarDay(year: 2013, month: 3, day: 22)

/// Tags `text` and returns the expression whose text is `span` (the whole text by default).
func tagged(_ text: String, _ span: String? = nil, dct: CalendarDay? = dct2013,
            language: TaggerLanguage = .auto) -> TimeExpression? {
    let want = span ?? text
    return TemporalTagger.shared.tag(text, dct: dct, language: language).first { $0.text == want }
}

/// `(value, edtf)` of the expression `span` in `text`.
func ve(_ text: String, _ span: String? = nil, dct: CalendarDay? = dct2013) -> (String?, String?) {
    let e = tagged(text, span, dct: dct)
    return (e?.value, e?.edtf)
}
