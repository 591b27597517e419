using System.Globalization;
using System.Text.Encodings.Web;
using Concord.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Concord.Web.Features.Shared;

/// <summary>
/// One form field the way every Concord form shows it: label above, hint, error message beside the field,
/// the value the person typed kept after an error, and the ARIA wiring that ties them together.
/// <c>&lt;form-field for="Input.Email" label="E-mail address" type="email" hint="…" /&gt;</c>
/// </summary>
[HtmlTargetElement("form-field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FormFieldTagHelper : TagHelper
{
    [HtmlAttributeName("for")]
    public required ModelExpression For { get; set; }

    public string? Label { get; set; }
    public string? Hint { get; set; }
    /// <summary>
    /// text, email, password, url, number, date, textarea, select, tel, search. A date is a text box typed as
    /// day/month/year with the example in its hint (<see cref="DateInput"/>), not the browser's date picker, whose
    /// format differs from browser to browser and whose button has no visible focus.
    /// </summary>
    public string Type { get; set; } = "text";
    public string? Autocomplete { get; set; }
    public IEnumerable<SelectListItem>? Items { get; set; }
    /// <summary>Shown as the first option of a select when no value is chosen.</summary>
    public string? Placeholder { get; set; }
    public int Rows { get; set; } = 6;
    public bool Short { get; set; }
    public bool LabelIsHeading { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public required ViewContext ViewContext { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        // Inside a partial rendered with <partial for="Input">, the field prefix ("Input.") comes from the view data.
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var state = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry : null;
        var error = state?.Errors.FirstOrDefault()?.ErrorMessage;
        var value = state?.AttemptedValue ?? Format(For.Model);
        var hint = Type == "date" ? string.IsNullOrEmpty(Hint) ? $"For example, {DateInput.Example}" : $"{Hint} For example, {DateInput.Example}" : Hint;
        var label = Label ?? For.Metadata.DisplayName ?? For.Metadata.PropertyName ?? name;
        var describedBy = new List<string>();

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", error is null ? "form-group" : "form-group form-group--error");

        var html = new System.Text.StringBuilder();
        var enc = HtmlEncoder.Default;
        var labelHtml = $"<label class=\"label\" for=\"{id}\">{enc.Encode(label)}</label>";
        html.Append(LabelIsHeading ? $"<h1 class=\"label-wrapper\">{labelHtml}</h1>" : labelHtml);
        if (!string.IsNullOrEmpty(hint))
        {
            html.Append($"<span class=\"hint\" id=\"{id}-hint\">{enc.Encode(hint)}</span>");
            describedBy.Add(id + "-hint");
        }

        if (error is not null)
        {
            html.Append($"<span class=\"field-error\" id=\"{id}-error\"><span class=\"visually-hidden\">Error: </span>{enc.Encode(error)}</span>");
            describedBy.Add(id + "-error");
        }

        var common = $"id=\"{id}\" name=\"{enc.Encode(name)}\"" +
                     (describedBy.Count > 0 ? $" aria-describedby=\"{string.Join(' ', describedBy)}\"" : "") +
                     (error is not null ? " aria-invalid=\"true\"" : "") +
                     (Autocomplete is null ? "" : $" autocomplete=\"{enc.Encode(Autocomplete)}\"");
        var css = (error is null ? "" : "input--error ") + (Type == "date" ? "input--date" : Short ? "input--short" : "");
        var classAttr = css.Trim().Length > 0 ? $" class=\"{css.Trim()}\"" : "";

        switch (Type)
        {
            case "textarea":
                html.Append($"<textarea {common}{classAttr} rows=\"{Rows}\">{enc.Encode(value ?? "")}</textarea>");
                break;
            case "select":
                html.Append($"<select {common}{classAttr}>");
                if (Placeholder is not null)
                {
                    html.Append($"<option value=\"\">{enc.Encode(Placeholder)}</option>");
                }

                foreach (var item in Items ?? [])
                {
                    var selected = string.Equals(item.Value, value, StringComparison.OrdinalIgnoreCase) ? " selected" : "";
                    html.Append($"<option value=\"{enc.Encode(item.Value ?? "")}\"{selected}>{enc.Encode(item.Text)}</option>");
                }

                html.Append("</select>");
                break;
            case "date":
                html.Append($"<input type=\"text\" {common}{classAttr} value=\"{enc.Encode(value ?? "")}\" spellcheck=\"false\"{(Autocomplete is null ? " autocomplete=\"off\"" : "")}>");
                break;
            default:
                var valueAttr = Type == "password" ? "" : $" value=\"{enc.Encode(value ?? "")}\"";
                var spell = Type is "email" or "password" or "url" ? " spellcheck=\"false\"" : "";
                html.Append($"<input type=\"{Type}\" {common}{classAttr}{valueAttr}{spell}>");
                break;
        }

        output.Content.SetHtmlContent(html.ToString());
    }

    private static string? Format(object? model) => model switch
    {
        null => null,
        DateOnly d => DateInput.Format(d),
        DateTimeOffset d => DateInput.Format(DateOnly.FromDateTime(d.Date)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => model.ToString(),
    };
}
