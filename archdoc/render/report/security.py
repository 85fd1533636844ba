"""The report's security considerations: each claim with what proves it (or that nothing
does), the failing rules of a chapter's resources that no claim names, and the legend of every
rule the report names."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docx.shared import Pt, RGBColor

from archdoc.checks.claims import claim_line
from archdoc.checks.rule import Verdict
from archdoc.render.report.tables import TableData
from archdoc.text import in_language, rule_title

if TYPE_CHECKING:
    from archdoc.model import Architecture, Section
    from archdoc.render import BuildContext

TONES = {"ok": "1E8449", "fail": "C0392B", "unknown": "7F8C8D"}


class SecurityWriting:
    """The security half of :class:`archdoc.render.report.document.ReportWriter`."""

    ctx: BuildContext
    model: Architecture
    w: dict[str, str]
    n: Any
    named_rules: set[str]

    def bullet(self, text: str, bold_prefix: str | None = None) -> Any:
        raise NotImplementedError

    def references(self, paragraph: Any, targets: list[tuple[str, int]]) -> None:
        raise NotImplementedError

    def paragraph(self, text: str = "", style: str | None = None) -> Any:
        raise NotImplementedError

    def security(self, index: int, section: Section, fig: int) -> None:
        """Each claim of the section, its references and its status; then the findings."""
        statuses = {c.item: c for c in self.ctx.claims if c.section == index}
        for k, item in enumerate(section.security):
            paragraph = self.bullet(item.text)
            targets: list[tuple[str, int]] = []
            for target in item.see:
                table: int | None = None if target == "figure" else (
                    self.n.table_of_resource.get((index, target)) or next(
                        (t for (i, r), t in self.n.table_of_resource.items() if r == target),
                        None))
                # no table shows that resource: its place in the figure does
                targets.append(("table", table) if table is not None else ("figure", fig))
            self.references(paragraph, targets)
            if k in statuses:
                self.named_rules.update(statuses[k].rules)
                text, tone = claim_line(statuses[k], self.model.language)
            else:  # a claim no rule backs says so: it is the writer's word only
                text, tone = self.w["claim_unverified"], "unknown"
            self._status(paragraph, text, tone)
        self.findings(section)

    def findings(self, section: Section) -> None:
        """The failing rules of the section's resources that none of its claims names."""
        claimed = {rule for item in section.security for rule in item.checks}
        mine = set(section.resources)
        found = [r for r in self.ctx.results if r.verdict is Verdict.FAIL
                 and r.resource in mine and r.rule not in claimed]
        if not found:
            return
        self.paragraph(self.w["chapter_findings"])
        for result in found:
            self.named_rules.add(result.rule)
            paragraph = self.bullet("")
            self._status(paragraph, f"✘ {result.rule}: "
                         f"{in_language(result.message, self.model.language)}", "fail",
                         first=True)

    @staticmethod
    def _status(paragraph: Any, text: str, tone: str, first: bool = False) -> None:
        if not first:
            paragraph.add_run().add_break()
        run = paragraph.add_run(text)
        run.font.size = Pt(9)
        run.font.color.rgb = RGBColor.from_string(TONES[tone])

    def rule_legend(self) -> TableData | None:
        """Every rule the report names, its title in the report's language and severity."""
        from archdoc.checks import RULES

        language = self.model.language
        rows = [[rule.id, rule_title(rule.id, language, rule.title),
                 self.w[f"severity_{rule.severity.value}"]]
                for rule in RULES if rule.id in self.named_rules]
        if not rows:
            return None
        return TableData(self.w["rule_legend"], [self.w["rule_column"],
                         self.w["rule_title_column"], self.w["rule_severity_column"]], rows,
                         (0.16, 0.66, 0.18))
