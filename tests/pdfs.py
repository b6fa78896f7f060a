"""Reading the PDFs the app makes, with pypdf: text, catalogue, metadata and fonts."""

from io import BytesIO

from pypdf import PdfReader


def read_pdf(data: bytes) -> PdfReader:
    return PdfReader(BytesIO(data))


def pdf_text(data: bytes) -> str:
    """All pages' text, with line breaks folded to spaces so phrases can be searched whole."""
    return " ".join(" ".join(page.extract_text().split()) for page in read_pdf(data).pages)


def unembedded_fonts(reader: PdfReader) -> list[str]:
    missing = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = described["/FontDescriptor"].get_object()
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.append(str(font.get("/BaseFont")))
    return missing
