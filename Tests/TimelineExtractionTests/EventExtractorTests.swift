import Testing
import TimelineCorpus
import TimelineModel
@testable import TimelineExtraction

struct EventExtractorTests {
    let extractor = EventExtractor()

    func doc(_ text: String, date: CalendarDay? = nil, metadata: [Range<Int>] = []) -> SourceDocument {
        SourceDocument(id: "t.txt", format: .text, rawText: text, text: text, offsetMap: nil, sha256: "",
                       title: nil, date: date, metadataRanges: metadata, languages: ["en"])
    }

    @Test func oneMentionPerDatedStatementWithItsSentence() {
        let text = "Relations were warm. In 1969, Soviet and Chinese patrols fought on the frozen Ussuri River. Later they talked."
        let ex = extractor.extract(doc(text))
        #expect(ex.mentions.count == 1)
        let m = ex.mentions[0]
        #expect(m.edtf == "1969")
        #expect(m.quote == "In 1969, Soviet and Chinese patrols fought on the frozen Ussuri River.")
        #expect(m.type == "conflict")
        #expect(m.actors == ["Soviet Union", "China"])
        #expect(m.places == ["Ussuri River"])
        #expect(m.title.hasPrefix("Soviet and Chinese patrols fought"))
        #expect(m.title.count <= 80)
    }

    /// The mentions of `text` (a document without a date), after checking their dates and titles.
    @discardableResult
    func expectMentions(_ text: String, dates: [String?], titles: [String],
                        sourceLocation: SourceLocation = #_sourceLocation) -> [ExtractedMention] {
        let mentions = extractor.extract(doc(text)).mentions
        #expect(mentions.map(\.edtf) == dates, sourceLocation: sourceLocation)
        #expect(mentions.map(\.title) == titles, sourceLocation: sourceLocation)
        return mentions
    }

    @Test func notesUnderYearHeadingsAreDatedWithoutADocumentDate() {
        expectMentions("# History\n\n## 2019\n\nIn June, the company launched its first product.\n\n"
                       + "## 2020: Lockdown\n\nIn March the office closed because of the pandemic.\n",
                       dates: ["2019-06", "2020-03"],
                       titles: ["Company launched its first product", "Office closed because of the pandemic"])
    }

    @Test func markdownTableRowsAreEventsAndNavigationLinesAreNot() {
        let m = expectMentions("Milestones:\n\n| Date | Event |\n|:-----|-------|\n| 2022-01-15 | Acquired Widgets Ltd |\n"
                               + "| 2022-06 | Released version 2.0 |\n\nHome | World | Archive | 2021 | Contact\n",
                               dates: ["2022-01-15", "2022-06"], titles: ["Acquired Widgets Ltd", "Released version 2.0"])
        #expect(m.first?.quote == "| 2022-01-15 | Acquired Widgets Ltd |")
    }

    @Test func aWireDatelineDatesNoEventAndStaysOutOfTitles() {
        let en = "MOSCOW, May 16 (Reuters) - Russian President Vladimir Putin arrived in Beijing on Thursday for talks with Xi Jinping."
        let ex = extractor.extract(doc(en, date: CalendarDay(year: 2024, month: 5, day: 17)))
        #expect(ex.mentions.map(\.edtf) == ["2024-05-16"])
        #expect(ex.mentions.first?.dateText == "Thursday")
        // A name is not cut in two at the length limit.
        #expect(ex.mentions.first?.title == "Russian President Vladimir Putin arrived in Beijing for talks with Xi Jinping")

        let zh = "新华社北京5月16日电 国家主席习近平16日在人民大会堂同俄罗斯总统普京举行会谈。"
        let zex = extractor.extract(SourceDocument(id: "z.txt", format: .text, rawText: zh, text: zh, offsetMap: nil, sha256: "",
                                                   title: nil, date: CalendarDay(year: 2024, month: 5, day: 17),
                                                   metadataRanges: [], languages: ["zh"]))
        #expect(zex.mentions.map(\.dateText) == ["16日"])
        #expect(zex.mentions.first?.title == "国家主席习近平在人民大会堂同俄罗斯总统普京举行会谈")
        // `电` after a day that no agency leads starts a word (`电话`): the date is the event's.
        let call = "习近平5月16日电话会谈普京。"
        let cex = extractor.extract(SourceDocument(id: "c.txt", format: .text, rawText: call, text: call, offsetMap: nil,
                                                   sha256: "", title: nil, date: CalendarDay(year: 2024, month: 5, day: 17),
                                                   metadataRanges: [], languages: ["zh"]))
        #expect(cex.mentions.map(\.dateText) == ["5月16日"])
    }

    @Test func aQuotationCutByTheLengthLimitLeavesNoOpenMark() {
        let title = TitleMaker().finish("Xi and Putin raised the relationship to a \"comprehensive strategic partnership of coordination for a new era\"")
        #expect(title == "Xi and Putin raised the relationship to a comprehensive strategic")
        #expect(TitleMaker().finish("Signed the \"New Era\" statement") == "Signed the \"New Era\" statement")
    }

    @Test func aClockIsNoYearAndAsPartOfIsNoClause() {
        // `7:30` states no year: a Thursday after the document's Monday is still to come, and no event.
        let ex = extractor.extract(doc("The vote is scheduled for 7:30 p.m. Thursday.", date: CalendarDay(year: 2023, month: 10, day: 2)))
        #expect(ex.mentions.isEmpty, "\(ex.mentions.map(\.dateText))")
        expectMentions("Section 230 was passed in 1996 as part of the Communications Decency Act.", dates: ["1996"],
                       titles: ["Section 230 was passed as part of the Communications Decency Act"])
    }

    @Test func aDateInsideASubordinateClauseTitlesThatClause() {
        expectMentions("The levee system, rebuilt after Hurricane Katrina devastated the city in August 2005, held.",
                       dates: ["2005-08"], titles: ["Hurricane Katrina devastated the city"])
        // A document titled `Notes` has no back matter from its first line.
        let notes = extractor.extract(doc("Notes\n\nThe company was founded in 1945, after the war.",
                                          date: CalendarDay(year: 2020, month: 1, day: 1)))
        #expect(notes.mentions.map(\.edtf) == ["1945"])
    }

    @Test func aClauseWithoutItsSubjectTakesTheSentences() {
        // A participle opening the sentence: the main clause's subject.
        expectMentions("Born in Grenoble on 14 April 1871, Aubel studied chemistry in Geneva.", dates: ["1871-04-14"],
                       titles: ["Aubel was born in Grenoble"])
        // A verb after an apposition: the subject before it; but not a discourse filler.
        expectMentions("Its first product, a handheld spectrometer, shipped in March 2000 and sold 4,000 units.",
                       dates: ["2000-03"], titles: ["Its first product shipped and sold 4,000 units"])
        expectMentions("However, cited by the traffic police in December 1997 for speeding, Farkas retired.",
                       dates: ["1997-12"], titles: ["Cited by the traffic police for speeding"])
        // `where` and `work for which` open clauses with a subject of their own.
        expectMentions("She studied in Geneva, where she earned her doctorate in 1896.", dates: ["1896"],
                       titles: ["She earned her doctorate"])
        // A thing a type's words include is no event of its own (`her doctorate in 1896`), an event noun is.
        expectMentions("In 1891 she moved to Geneva, where she earned her doctorate in 1896.",
                       dates: ["1891", "1896"], titles: ["She moved to Geneva", "She earned her doctorate"])
        expectMentions("In 1904 she isolated a compound of thorium, work for which she received a prize in 1907.",
                       dates: ["1904", "1907"], titles: ["She isolated a compound of thorium", "She received a prize"])
    }

    @Test func aParticipleWithTheDateBetweenSubjectAndVerb() {
        expectMentions("Its judgment, delivered on 11 March 2021, restored the revocation.", dates: ["2021-03-11"],
                       titles: ["Its judgment restored the revocation"])
        // A line break inside the sentence is a space: the clause still ends at its comma.
        expectMentions("Halvorsen appealed.\n\nThe tribunal dismissed the appeal on 14 December 2017,\nfinding that the inspection was lawful.",
                       dates: ["2017-12-14"], titles: ["Tribunal dismissed the appeal"])
        // A cue whose object is only the date relates nothing: one event, not two.
        let ex = extractor.extract(doc("Halvorsen has said she will appeal again before the end of the year.",
                                       date: CalendarDay(year: 2023, month: 9, day: 18)))
        #expect(ex.mentions.count == 1 && ex.relations.isEmpty, "\(ex.mentions.map(\.title)) \(ex.relations)")
    }

    @Test func aListItemsDateInMarkdownEmphasisStaysOutOfTheTitle() {
        expectMentions("## 2021\n\n- **March 4** – Version 1.0 released after months of testing.\n- *June*: the project moved.\n",
                       dates: ["2021-03-04", "2021-06"],
                       titles: ["Version 1.0 released after months of testing", "The project moved"])
    }

    @Test func sheInABiographyIsThePersonItIsAbout() {
        // The one person the text makes a subject (a sure name: a lifespan, a role, a title), even past a person
        // named as an object.
        expectMentions("Marguerite Aubel (1871–1949) was a chemist. Aubel studied in Geneva. She married the physicist "
                       + "Louis Fabre in 1899. In 1904 she isolated a compound of thorium.",
                       dates: ["1899", "1904"],
                       titles: ["Aubel married the physicist Louis Fabre", "Aubel isolated a compound of thorium"])
        // Two persons the text was about: the pronoun stays.
        expectMentions("Dr. Hanna Kessler joined in 1998. Dr. Tomas Ruiz left. She founded a lab in 2004.",
                       dates: ["1998", "2004"], titles: ["Dr. Hanna Kessler joined", "She founded a lab"])
    }

    @Test func heOpeningATitleIsThePersonNamedLastBeforeIt() {
        expectMentions("Xi Jinping landed in Moscow for a state visit. On June 5, 2019, he and Vladimir Putin signed a joint statement.",
                       dates: ["2019-06-05"], titles: ["Xi Jinping and Vladimir Putin signed a joint statement"])
        // No person named before: the pronoun stays.
        expectMentions("On June 5, 2019, he signed a joint statement.", dates: ["2019-06-05"], titles: ["He signed a joint statement"])
    }

    @Test func theTwoCountriesAreTheTwoStatesADocumentNamesMost() {
        let text = "Putin flew to Beijing for talks. Putin and Xi spoke for hours, and Moscow welcomed the result. "
            + "In July 2001 the two countries signed a friendship treaty. Later they met again in Beijing in 2004."
        let ex = extractor.extract(doc(text))
        // Putin is named most, but he is no country.
        #expect(ex.mentions.first?.title == "China and Russia signed a friendship treaty")
        #expect(ex.mentions.first?.actors == ["China", "Russia"])
    }

    @Test func relationsStatedByASentenceOpeningCueOrADefiniteNoun() {
        let text = "Western governments imposed sanctions on Russia in February 2022 in response to the invasion of "
            + "Ukraine, which began on February 24, 2022. The sanctions led to a sharp rise in oil exports to China in "
            + "2023. Following the 2014 annexation of Crimea, the European Union froze Russian assets in March 2014. "
            + "As a result of the 2008 financial crisis, banks started lending in yuan in 2010. "
            + "In 2019, after years of construction, the Power of Siberia pipeline opened."
        let ex = extractor.extract(doc(text))
        let titles = ex.mentions.map(\.title)
        func relation(_ from: String, _ type: RelationType, _ to: String) -> Bool {
            ex.relations.contains { titles[$0.from].hasPrefix(from) && $0.type == type && titles[$0.to].hasPrefix(to) }
        }
        #expect(titles.contains("Invasion of Ukraine began"), "a relative clause is titled by its antecedent")
        #expect(titles.contains("Power of Siberia pipeline opened"), "the main clause, not the background")
        #expect(relation("Western governments imposed", .responseTo, "Invasion of Ukraine"))
        #expect(relation("Western governments imposed", .causes, "Sanctions led to"), "\(ex.relations)")
        #expect(relation("Annexation of Crimea", .precedes, "European Union froze"), "\(ex.relations)")
        #expect(relation("Financial crisis", .causes, "Banks started lending"), "\(titles) \(ex.relations)")
    }

    @Test func aPeriodRestatingTheOpeningDateIsNoEventOfItsOwn() {
        let ex = extractor.extract(doc("On Wednesday, a Chinese container ship completed its tenth Arctic voyage this year.",
                                       date: CalendarDay(year: 2023, month: 11, day: 5)))
        #expect(ex.mentions.map(\.edtf) == ["2023-11-01"])
        #expect(ex.mentions.first?.title == "A Chinese container ship completed its tenth Arctic voyage this year")
        // A date whose comma splits clauses (`Saturday, April 25`) is no clause of its own (this crashed).
        let spanning = extractor.extract(doc("The paper wrote on Saturday, April 25: the court ruled this week.",
                                             date: CalendarDay(year: 1998, month: 4, day: 26)))
        #expect(spanning.mentions.map(\.dateText) == ["Saturday, April 25", "this week"])
    }

    @Test func aQuotationIsTitledWithItsSpeaker() {
        let day = CalendarDay(year: 2024, month: 8, day: 15)
        let a = extractor.extract(doc("\"We will respond,\" Finance Minister Anton Siluanov said on Monday.", date: day))
        #expect(a.mentions.first?.title == "Finance Minister Anton Siluanov: We will respond")
        #expect(a.mentions.first?.type == "statement")
        let b = extractor.extract(doc("“Talks will resume soon,” said the foreign ministry on Tuesday.", date: day))
        #expect(b.mentions.first?.title == "Foreign ministry: Talks will resume soon")
        // A pronoun names nobody; a date inside the quotation dates what it tells.
        #expect(extractor.extract(doc("\"We will respond,\" he said on Monday.", date: day)).mentions.first?.title
                    .hasPrefix("He:") == false)
        let c = extractor.extract(doc("\"We signed the treaty in 2001,\" Siluanov said.", date: day))
        #expect(c.mentions.first?.title.contains(":") == false)
    }

    @Test func aClauseOfAdverbsTakesTheTitleBeforeIt() {
        let ex = extractor.extract(doc("In the 1990s the currency collapsed twice, most famously in August 1998."))
        #expect(ex.mentions.map(\.edtf) == ["199X", "1998-08"])
        #expect(ex.mentions.map(\.title) == ["Currency collapsed twice", "Currency collapsed twice"])
    }

    @Test func encyclopediaArticlesLoseLifespansFootnotesAndReferences() {
        let m = expectMentions(
            """
            The Treaty of Nerchinsk (1689) was the first treaty between Russia and the Qing.[1] It was signed on \
            27 August 1689.[2]

            Background
            Yerofey Khabarov (c. 1603 – 1671) led an expedition there in 1649–1650.[3] The Qing besieged the fort \
            at Albazin in 1685 and again in 1686. Fyodor Golovin (1650–1706) led the delegation. The border held \
            until the Treaty of Aigun in 1858.

            References
            1. ^ Perdue, Peter C. (2005). China Marches West. p. 161.
            2. ^ "Nerchinsk". Retrieved 5 May 2020.

            """,
            dates: ["1689", "1689-08-27", "1649/1650", "1685", "1686", "1858"],
            titles: ["Treaty of Nerchinsk", "Treaty of Nerchinsk was signed", "Yerofey Khabarov led an expedition there",
                     "Qing besieged the fort at Albazin", "Qing besieged the fort at Albazin", "Treaty of Aigun"])
        // A footnote mark ends a sentence like the full stop before it.
        #expect(m.count > 1 && m[1].quote == "It was signed on 27 August 1689.[2]")
    }

    @Test func listedEventsGetTheirOwnClauseAndNounPhraseTitles() {
        let text = "Washington fought repeatedly: the 1999 Kosovo War, the 2003 Iraq Invasion, and the 2011 Libyan Intervention."
        let ex = extractor.extract(doc(text))
        #expect(ex.mentions.map(\.edtf) == ["1999", "2003", "2011"])
        #expect(ex.mentions.map(\.title) == ["Kosovo War", "Iraq Invasion", "Libyan Intervention"])
        #expect(ex.mentions[1].quote == "the 2003 Iraq Invasion")
    }

    @Test func possessiveTitlesNameTheOwner() {
        let ex = extractor.extract(doc("Moscow faced sanctions following its 2022 invasion of Ukraine, and trade shifted east."))
        #expect(ex.mentions.first?.title == "Russia's invasion of Ukraine")
    }

    @Test func nonDatesAndMetadataAreNotEvents() {
        let text = "Posted 2025-05-31 17:35\nTrade hit $240 billion, with 400000 soldiers and 5500 sanctions, S-400 and Su-35 jets, up 26%."
        let ex = extractor.extract(doc(text, date: CalendarDay(year: 2025, month: 5, day: 31), metadata: [7..<23]))
        #expect(ex.mentions.isEmpty, "\(ex.mentions.map(\.dateText))")
    }

    @Test func comparisonBasesAndHypotheticalsAreNotEvents() {
        let text = "Trade rose 26% from the previous year. If one of them were attacked tomorrow, nobody would help."
        let ex = extractor.extract(doc(text, date: CalendarDay(year: 2025, month: 5, day: 31)))
        #expect(ex.mentions.isEmpty, "\(ex.mentions.map(\.dateText))")
    }

    @Test func aTimeWithItsDayDatesTheEventAndAClockAloneDoesNot() {
        let day = CalendarDay(year: 2013, month: 3, day: 22)
        let dated = extractor.extract(doc("At 3 p.m. on 5 March 2010 the president of France visited Berlin.", date: day))
        #expect(dated.mentions.map(\.edtf) == ["2010-03-05"])
        let night = extractor.extract(doc("On the night of 4 June 1989 troops cleared the square in Beijing.", date: day))
        #expect(night.mentions.map(\.edtf) == ["1989-06-04"])
        let clock = extractor.extract(doc("At 3 p.m. the president of France visited Berlin.", date: day))
        #expect(clock.mentions.allSatisfy { $0.edtf == nil }, "\(clock.mentions.map(\.dateText))")
    }

    @Test func countsAfterAStoryYearAreNotResolvedAgainstTheDocumentDate() {
        let day = CalendarDay(year: 2013, month: 3, day: 22)
        let text = "The war began in March 1990. Ten years later, the war ended with a treaty. Three days later, talks collapsed."
        let ex = extractor.extract(doc(text, date: day))
        #expect(ex.mentions.compactMap(\.edtf) == ["1990-03", "2000"])
    }

    @Test func onBeforeADayTellsTheDayButBeforeAPeriodComparesWithIt() {
        let day = CalendarDay(year: 2013, month: 3, day: 5)
        let text = "Rebels attacked the fort on Friday. Rebels shelled the port on March 1. Exports rose 3% on last year."
        let ex = extractor.extract(doc(text, date: day))
        #expect(ex.mentions.map(\.edtf) == ["2013-03-01", "2013-03-01"], "\(ex.mentions.map(\.dateText))")
    }

    @Test func superlativesSinceADateCompareWithItAndADatelineDashIsNoTitle() {
        let text = "WASHINGTON (Reuters) - The central bank raised rates on March 4, 2013, for the first time since 2008. "
            + "Inflation rose to 3 percent, the highest since the early 2000s."
        let ex = extractor.extract(doc(text))
        #expect(ex.mentions.map(\.edtf) == ["2013-03-04"], "\(ex.mentions.map(\.dateText))")
        #expect(ex.mentions.first?.title.hasPrefix("Central bank raised") == true, "\(ex.mentions.first?.title ?? "")")
    }

    @Test func relativeDatesWithoutDocumentDateAreUndated() {
        let ex = extractor.extract(doc("Last year the two navies held joint drills near Japan."))
        #expect(ex.mentions.allSatisfy { $0.edtf == nil })
    }

    @Test func chineseNewsDaysOfTheMonthDateEvents() {
        let text = "俄罗斯总统普京5日在圣彼得堡会见了中国国家主席。上月20日，双方外长通了电话。"
        let ex = extractor.extract(doc(text, date: CalendarDay(year: 2019, month: 6, day: 6)))
        #expect(ex.mentions.map(\.edtf) == ["2019-06-05", "2019-05-20"], "\(ex.mentions.map(\.dateText))")
    }

    @Test func chineseDatesTitlesAndActors() {
        let text = "1969年3月，中苏两国军队在珍宝岛发生武装冲突。"
        let ex = extractor.extract(doc(text))
        #expect(ex.mentions.count == 1)
        let m = ex.mentions[0]
        #expect(m.edtf == "1969-03")
        #expect(m.language == "zh")
        #expect(m.type == "conflict")
        #expect(m.actors.contains("China") && m.actors.contains("Soviet Union"))
        #expect(m.places == ["Zhenbao Island"])
        #expect(m.title.contains("珍宝岛"))
    }

    @Test func statedRelationsBecomeEdges() {
        let text = "The 1969 border clash led to the 1972 opening to Washington."
        let ex = extractor.extract(doc(text))
        #expect(ex.mentions.count == 2)
        #expect(ex.relations.count == 1)
        #expect(ex.relations.first?.type == .causes)
        #expect(ex.relations.first?.from == 0 && ex.relations.first?.to == 1)

        let zh = extractor.extract(doc("2014年克里米亚危机之后，2015年两国签署了新的天然气协议。"))
        #expect(zh.relations.first?.type == .precedes)
    }
}
