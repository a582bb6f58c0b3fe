using DevPlatform.Core.Convergence;

namespace DevPlatform.Core.Architecture;

/// <summary>The uploaded diagram image of an architecture (the upload core lands on main; until then only clean-up).</summary>
public sealed partial class ArchitectureService
{
    /// <summary>Where an architecture's files live: <c>architectures/{projectId}/{architectureId}/</c>.</summary>
    public static string FolderOf(string projectId, string architectureId) => $"architectures/{projectId}/{architectureId}/";

    private static IEnumerable<OwedEffect> DeleteFilesOf(ArchitectureDesign design) => [];
}
