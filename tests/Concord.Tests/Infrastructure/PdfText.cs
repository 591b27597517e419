using UglyToad.PdfPig;

namespace Concord.Tests.Infrastructure;

/// <summary>
/// The text a reader sees in a PDF, extracted with PdfPig. PDFsharp compresses its content streams, so searching a
/// PDF's raw bytes for a phrase finds nothing whether or not the phrase is there.
/// </summary>
public sealed class PdfText
{
    private PdfText(IReadOnlyList<string> pages, string? title)
    {
        Pages = pages;
        Title = title;
    }

    /// <summary>Each page's words, in reading order, separated by single spaces.</summary>
    public IReadOnlyList<string> Pages { get; }

    /// <summary>The document's title (its information dictionary).</summary>
    public string? Title { get; }

    public string All => string.Join("\n", Pages);

    public static PdfText Of(byte[] pdf)
    {
        Assert.True(pdf.Length > 4 && pdf[0] == '%' && pdf[1] == 'P' && pdf[2] == 'D' && pdf[3] == 'F', "Not a PDF file.");
        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().Select(page => string.Join(" ", page.GetWords().Select(w => w.Text))).ToList();
        return new PdfText(pages, document.Information.Title);
    }
}
