"""The Word report read back with python-docx: structure, content, fields, fonts, tables."""

from __future__ import annotations

import re

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph

from archdoc.text import kind_text
from tests.conftest import archdoc


@pytest.fixture(scope="module")
def report(seed_build):
    return docx.Document(str(seed_build / "report.docx"))


def headings(document) -> list[tuple[int, str]]:
    out = []
    for p in document.paragraphs:
        match = re.fullmatch(r"Heading (\d)", p.style.name)
        if match:
            out.append((int(match.group(1)), p.text))
    return out


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def instructions(document) -> list[str]:
    return [" ".join(t.text.split()) for t in document.element.body.iter(qn("w:instrText"))]


def test_heading_tree(report, seed_model):
    expected = [(1, "소개"), (1, "아키텍처 구성도"), (1, "개요")]
    for n, section in enumerate(seed_model.sections, start=1):
        expected += [(1, f"{n}. {section.title}"), (2, f"{n}.1. 정의"), (2, f"{n}.2. 구성 역할"),
                     (2, f"{n}.3. 보안 고려 사항")]
    expected += [(1, "첨부 파일"), (1, "느낀점"), (1, "부록: 리소스 목록"),
                 (2, "보고서에 나오는 검사 규칙")]
    assert headings(report) == expected


def test_title_page(report, seed_model):
    assert report.paragraphs[6].style.name == "Title"
    assert report.paragraphs[6].text == seed_model.title
    text = all_text(report)
    for value in ("버전: 1.2", "작성자: 뭉크테크", "작성일: 2024-10-27", "과목/조직: 클라우드 보안 3주차 과제"):
        assert value in text


def test_introduction_lists_the_changes_and_why(report, seed_model):
    text = all_text(report)
    for change in seed_model.changes:
        assert change.what in text
        if change.why:
            assert change.why in text


def test_every_definition_role_and_security_consideration_is_present(report, seed_model):
    text = all_text(report)
    for section in seed_model.sections:
        for rid in section.resources:
            resource = seed_model.resources[rid]
            definition = resource.definition or kind_text(resource.kind, "definition", "ko")
            assert definition in text, rid
            role = section.roles.get(rid) or resource.role
            if role:
                assert f"{seed_model.label(rid)}: {role}" in text, rid
        for item in section.security:
            assert item.text in text


def captions(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == "Caption"]


def test_figures_with_captions(report, seed_model):
    figures = [c for c in captions(report) if c.startswith("그림")]
    expected = [f"그림 1. {seed_model.figure_caption}"] + [
        f"그림 {i}. {s.figure_caption}" for i, s in enumerate(seed_model.sections, start=2)]
    assert figures == expected
    assert len(report.inline_shapes) == len(expected)
    width = report.sections[0].page_width - report.sections[0].left_margin - \
        report.sections[0].right_margin
    for shape in report.inline_shapes:
        assert shape.width <= width
    seq = [i for i in instructions(report) if i.startswith("SEQ 그림")]
    assert len(seq) == len(expected)


def table_after(document, caption: str):
    """The table that follows the caption paragraph ``caption``."""
    body = list(document.element.body)
    for i, element in enumerate(body):
        if element.tag == qn("w:p") and Paragraph(element, document).text == caption:
            following = next(e for e in body[i + 1:] if e.tag == qn("w:tbl"))
            return docx.table.Table(following, document)
    raise AssertionError(f"no caption {caption!r}: {captions(document)}")


def rows(table) -> list[list[str]]:
    """Cell texts as a reader sees them (zero-width break opportunities removed)."""
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_security_group_table_has_the_exact_rules(report):
    table = table_after(report, "표 2. 보안 그룹 규칙: ec2-sg")
    assert rows(table) == [
        ["방향", "프로토콜", "포트", "소스/대상", "설명"],
        ["인바운드", "TCP", "80", "alb-sg (보안 그룹)", "HTTP from the ALB"],
        ["아웃바운드", "모든 트래픽", "전체", "0.0.0.0/0", "Outbound through NAT and the S3 endpoint"],
    ]


def test_alb_resource_map(report):
    table = table_after(report, "표 1. ALB 리소스 맵: ALB (web-alb)")
    assert rows(table)[1] == [
        "HTTPS:443\nACM 인증서 (certificate)\nELBSecurityPolicy-TLS13-1-2-2021-06",
        "기본: web-tg로 전달",
        "대상 그룹 (web-tg)\nHTTP:80",
        "EC2 웹 서버 (web-server)",
        "HTTP /, 트래픽과 같은 포트, 30초 간격, 정상 5회 / 비정상 2회, 응답 코드 200",
    ]


def test_iam_role_policies(report):
    table = table_after(report, "표 3. IAM 역할 권한 정책: ec2-s3-ssm-role")
    assert rows(table)[1:] == [
        ["신뢰 관계", "ec2.amazonaws.com", "sts:AssumeRole"],
        ["관리형 정책", "AmazonS3ReadOnlyAccess", "모든 S3 버킷에 대한 읽기 전용 권한입니다."],
        ["관리형 정책", "AmazonSSMManagedInstanceCore",
         "Systems Manager가 인스턴스를 관리할 수 있게 합니다(Session Manager, Run Command)."],
    ]


def test_inventory_lists_every_resource_by_kind_in_words(report, seed_model):
    """One table per kind, together every resource once; settings said in words (예 /
    아니요), never as Python values or key=value pairs."""
    from archdoc.text import kind_name

    kinds = list(dict.fromkeys(r.kind for r in seed_model.resources.values()))
    found = [c for c in captions(report) if "리소스 목록: " in c and c.startswith("표 ")]
    assert [c.split("리소스 목록: ", 1)[1] for c in found] == [kind_name(k, "ko") for k in kinds]
    listed = [r[0] for c in found for r in rows(table_after(report, c))[1:]]
    assert sorted(listed) == sorted(seed_model.resources)
    instance = rows(table_after(report, next(c for c in found if c.endswith(": EC2 인스턴스"))))
    assert instance[0] == ["ID", "주요 설정", "계정에서 찾는 방법"]
    web = next(r for r in instance if r[0] == "web-server")
    assert "서브넷: private-a" in web[1] and "IMDSv2 필수: 예" in web[1] \
        and "퍼블릭 IP: 아니요" in web[1] and web[2] == "tag:Name=web-server"
    bucket = rows(table_after(report, next(c for c in found if c.endswith(": S3 버킷"))))
    assert bucket[0][:2] == ["ID", "버킷 이름"] and "버전 관리" in bucket[0]
    for caption in found:
        for row in rows(table_after(report, caption)):
            for cell in row[1:-1]:  # the settings (the last column: tag:Name=... locators)
                assert not re.search(r"\b(True|False|None)\b|\w=\w", cell), (caption, cell)


def test_security_considerations_point_at_figures_and_tables(report):
    refs = [i for i in instructions(report) if i.startswith("REF ")]
    bookmarks = {b.get(qn("w:name")) for b in report.element.body.iter(qn("w:bookmarkStart"))}
    assert refs, "no cross-references"
    for ref in refs:
        assert ref.split()[1] in bookmarks
    text = all_text(report)
    assert "보안 그룹은 ALB 보안 그룹으로부터 오는 HTTP 통신만 허용하도록 구성하였습니다. (표 2 참조)" in text
    assert "EC2를 프라이빗 서브넷에 배치함으로써 외부와의 노출을 최소화시켰습니다. (그림 3 참조)" in text


def test_table_of_contents_field(report):
    assert any(i.startswith('TOC \\o "1-2"') for i in instructions(report))
    update = report.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"


def test_east_asian_font_on_every_style(report):
    for style in report.styles:
        if style.type in (1, 2):
            fonts = style.element.rPr.find(qn("w:rFonts"))
            assert fonts.get(qn("w:eastAsia")) == "Malgun Gothic", style.name
            assert fonts.get(qn("w:ascii")) == "Calibri", style.name


def test_a4_page(report):
    for section in report.sections:
        assert abs(section.page_width - Mm(210)) < Mm(1)
        assert abs(section.page_height - Mm(297)) < Mm(1)


def test_english_report(tmp_path):
    from tests.conftest import ROOT

    doc_text = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    example = re.findall(r"```yaml\n(.*?)```", doc_text, re.S)[1]
    model = tmp_path / "shop.yaml"
    model.write_text(example.replace("report_file", "x"), encoding="utf-8")
    proc = archdoc("build", str(model), "-o", str(tmp_path / "out"), "--only", "report")
    assert proc.returncode == 0, proc.stderr
    document = docx.Document(str(tmp_path / "out" / "report.docx"))
    assert [h for h in headings(document) if h[0] == 1][:4] == [
        (1, "Introduction"), (1, "Architecture diagram"), (1, "Overview"), (1, "1. Web tier")]
    assert (2, "1.3. Security considerations") in headings(document)
    assert "The instance accepts HTTP only from the load balancer (see Table 2)." in \
        all_text(document)


def test_report_file_name_comes_from_the_model(tmp_path, seed_path):
    text = seed_path.read_text(encoding="utf-8").replace(
        "language: ko\n", "language: ko\nreport_file: 과제.docx\n")
    model = tmp_path / "arch.yaml"
    model.write_text(text, encoding="utf-8")
    proc = archdoc("build", str(model), "-o", str(tmp_path / "o"), "--only", "report")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "o" / "과제.docx").exists()


def test_report_covers_the_seed_document(report, seed_model):
    """Side by side with ../shared/seed: every part, claim, figure and screenshot is there."""
    text = all_text(report)
    # the seed's claims S1-S10, each backed by the rules that prove it
    items = [item for s in seed_model.sections for item in s.security]
    assert len(items) == 10 and all(item.checks for item in items)
    assert text.count("✔ 모델에서 확인됨") == 10
    for component in ("Route 53", "ALB", "ACM", "NAT 게이트웨이", "EC2", "S3", "Session Manager",
                      "IAM"):
        assert component in text, component
    for phrase in ("https://httpstest.sjmweb12.com/", "CloudFront를 제거하였습니다",
                   "AmazonS3ReadOnlyAccess", "AmazonSSMManagedInstanceCore", "Gateway Endpoint",
                   "health check", "SSH"):
        assert phrase in text, phrase
    shown = " ".join(captions(report))
    # the seed's figures 2, 4, 6 as figures; its screenshots 3, 5, 7 as tables
    for caption in ("HTTPS 통신단에서 이루어지는 아키텍처 외부단", "아키텍처 내부단 1", "아키텍처 내부단 2",
                    "ALB 리소스 맵", "보안 그룹 규칙: ec2-sg", "IAM 역할 권한 정책"):
        assert caption in shown, caption


def test_korean_typography(seed_build):
    """No auto-space between Latin text and the Hangul after it, particles chosen for their
    word, and nothing invisible in what a reader copies."""
    import zipfile

    with zipfile.ZipFile(seed_build / "report.docx") as package:
        styles = package.read("word/styles.xml").decode("utf-8")
        body = package.read("word/document.xml").decode("utf-8")
    defaults = re.search(r"<w:pPrDefault>.*?</w:pPrDefault>", styles, re.S)
    assert defaults and '<w:autoSpaceDE w:val="0"/>' in defaults.group() \
        and '<w:autoSpaceDN w:val="0"/>' in defaults.group()
    for mark in ("(으)로", "이(가)", "을(를)", "은(는)", "와(과)"):
        assert mark not in body, mark
    assert "\u200b" not in body and "\u200c" not in body
    assert "web-tg로 전달" in body  # a forward action, its particle after a vowel (티지)


def test_figures_are_vector_with_a_png_fallback_and_alt_text(report):
    """Each picture: its caption as alternative text, a PNG, and the SVG that Word 2016+
    draws instead (Office's svgBlip extension), a well-formed SVG of the same figure."""
    import xml.etree.ElementTree as ET

    from archdoc.render.report.word import SVG_BLIP, SVG_NS

    body = report.element.body
    inlines = list(body.iter(qn("wp:inline")))
    assert len(inlines) >= 4
    paragraphs = list(body.iter(qn("w:p")))
    for inline in inlines:
        doc_pr = inline.find(qn("wp:docPr"))
        holder = next(p for p in paragraphs if inline in list(p.iter(qn("wp:inline"))))
        caption = "".join(t.text or "" for t in paragraphs[paragraphs.index(holder) + 1]
                          .iter(qn("w:t")))
        assert doc_pr.get("descr") and doc_pr.get("descr") in caption
        blip = next(inline.iter(qn("a:blip")))
        png = report.part.related_parts[blip.get(qn("r:embed"))]
        assert png.blob[:8] == b"\x89PNG\r\n\x1a\n"
        ext = blip.find(f"{qn('a:extLst')}/{qn('a:ext')}")
        assert ext is not None and ext.get("uri") == SVG_BLIP
        svg_blip = ext.find(f"{{{SVG_NS}}}svgBlip")
        svg = report.part.related_parts[svg_blip.get(qn("r:embed"))]
        assert svg.content_type == "image/svg+xml"
        assert ET.fromstring(svg.blob).tag == "{http://www.w3.org/2000/svg}svg"


def test_title_page_of_a_course_submission(tmp_path, seed_path):
    """course, student number, name, instructor and date on the cover, each on its line."""
    text = seed_path.read_text("utf-8").replace(
        "organisation: 클라우드 보안 3주차 과제\n",
        "course: 클라우드 보안\nstudent_id: \"20241234\"\ninstructor: 김교수\n")
    model = tmp_path / "arch.yaml"
    model.write_text(text, "utf-8")
    proc = archdoc("build", str(model), "-o", str(tmp_path / "o"), "--only", "report")
    assert proc.returncode == 0, proc.stderr
    document = docx.Document(str(tmp_path / "o" / "report.docx"))
    cover = [p.text for p in document.paragraphs[:20] if ": " in p.text]
    assert cover == ["버전: 1.2", "과목: 클라우드 보안", "학번: 20241234", "작성자: 뭉크테크",
                     "담당 교수: 김교수", "작성일: 2024-10-27"]


def test_attachments_list_the_files_of_the_build_with_their_sizes(report, seed_build):
    """As the seed's "최종 보고서 및 파일": each file built with the report, what it is, and
    its size as written."""
    table = table_after(report, next(c for c in captions(report) if c.endswith("첨부 파일")))
    listed = {r[0]: r for r in rows(table)[1:]}
    assert set(listed) == {"architecture.png", "architecture.svg", "architecture.drawio",
                           "site/", "report.docx"}
    for name in ("architecture.png", "architecture.svg", "architecture.drawio"):
        size = (seed_build / name).stat().st_size
        assert listed[name][2] == f"{size / 1024:.0f} KB", name
    pages = [p for p in (seed_build / "site").rglob("*") if p.is_file()]
    assert listed["site/"][1] == f"문서 사이트 (MkDocs, 파일 {len(pages)}개)"
    assert listed["report.docx"][1] == "이 보고서 (Word 문서)"
