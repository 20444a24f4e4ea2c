/// The sums behind a walk's score, kept up to date one answer at a time: a walk of thousands of
/// touchpoints is counted once, then each answer changes only its own item's weights.
extension VisitScore {
    public struct Tally: Equatable, Sendable {
        struct Sums: Equatable, Sendable {
            var yes = 0
            var asked = 0
        }

        var total = Sums()
        /// By stage index; a stage is here when one of its touchpoints has a checklist.
        var stages: [Int: Sums] = [:]
        /// Critical items answered No, counted by touchpoint.
        var criticalNo: [String: Int] = [:]
        var passMark: Int

        /// Counts a whole walk.
        public init(_ walk: Walk) {
            passMark = walk.journey.effectivePassMark
            let steps = walk.steps
            for position in steps.indices {
                let checklist = steps[position].touchpoint.checklist
                if checklist.isEmpty { continue }
                let stage = steps[position].stageIndex
                if stages[stage] == nil { stages[stage] = Sums() }
                let id = steps[position].touchpoint.id
                guard let answers = walk.moments[id]?.answers, !answers.isEmpty else { continue }
                for (index, answer) in answers where checklist.indices.contains(index) {
                    add(answer, item: checklist[index], touchpoint: id, stage: stage, sign: 1)
                }
            }
        }

        /// One answer changed from `previous` (the walk is the one the change was applied to).
        public mutating func answered(_ change: AnswerChange, previous: Answer?, in walk: Walk) {
            guard let position = walk.index(of: change.touchpoint) else { return }
            let checklist = walk.steps[position].touchpoint.checklist
            guard checklist.indices.contains(change.item) else { return }
            let stage = walk.steps[position].stageIndex
            let item = checklist[change.item]
            if let previous { add(previous, item: item, touchpoint: change.touchpoint, stage: stage, sign: -1) }
            if let answer = change.answer { add(answer, item: item, touchpoint: change.touchpoint, stage: stage, sign: 1) }
        }

        private mutating func add(_ answer: Answer, item: ChecklistItem, touchpoint: String, stage: Int, sign: Int) {
            var sums = stages[stage] ?? Sums()
            switch answer {
            case .yes:
                total.yes += sign * item.weight
                total.asked += sign * item.weight
                sums.yes += sign * item.weight
                sums.asked += sign * item.weight
            case .no:
                total.asked += sign * item.weight
                sums.asked += sign * item.weight
                if item.critical {
                    let count = (criticalNo[touchpoint] ?? 0) + sign
                    criticalNo[touchpoint] = count > 0 ? count : nil
                }
            case .na:
                break
            }
            stages[stage] = sums
        }

        /// The score these sums make, for the walk they were counted on.
        public func score(_ walk: Walk) -> VisitScore {
            let failed = criticalNo.keys.compactMap { id in walk.index(of: id).map { (id, $0) } }
                .sorted { $0.1 < $1.1 }.map(\.0)
            let percent = VisitScore.percent(total.yes, of: total.asked)
            let stageScores = walk.journey.stages.indices.compactMap { index in
                stages[index].map { StageScore(stage: walk.journey.stages[index].name, percent: VisitScore.percent($0.yes, of: $0.asked)) }
            }
            return VisitScore(percent: percent, passMark: passMark, criticalFailed: failed, stages: stageScores)
        }
    }

    init(percent: Double?, passMark: Int, criticalFailed: [String], stages: [StageScore]) {
        self.percent = percent
        self.passMark = passMark
        self.criticalFailed = criticalFailed
        self.stages = stages
        self.passed = criticalFailed.isEmpty ? percent.map { $0 >= Double(passMark) } : false
    }
}
