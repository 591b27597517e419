using System.Text.Json.Serialization;

namespace Concord.Web.Features.Partnerships;

/// <summary>The stage of a partnership's life (deciding, setting up, during, ending) that a lesson, a piece of guidance or a checklist belongs to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PartnershipStage>))]
public enum PartnershipStage
{
    Deciding,
    SettingUp,
    During,
    Ending,
}
