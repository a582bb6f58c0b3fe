using DevPlatform.Core.CodeGeneration;
using DevPlatform.Core.CodeGeneration.Generators;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Schemas;
using DevPlatform.Web.Components.Shared;
using DevPlatform.Web.Identity;

namespace DevPlatform.Web.Components.Pages.CodeGeneration;

/// <summary>What the prerender read, carried into the live circuit so one view is one read.</summary>
public sealed record CodeGenerationScreenState(string UserId, string? TeamId, TeamRole? Role, IReadOnlyList<Project> Projects, string? ProjectId,
    IReadOnlyList<SchemaSummary> Schemas, string? SchemaId, IReadOnlyList<CodeGenerationRun> Runs, string? SelectedRunId);

/// <summary>
/// The state of one Code Generation page: the team's projects, the chosen project's schemas and runs, the run form
/// (schema, version, targets), the preview, the open run and its diff. Runs the page just queued are shown from the
/// write's answer and then moved by live notices; a refusal from Core becomes <see cref="Error"/>.
/// </summary>
public sealed partial class CodeGenerationScreen(CodeGenerationService runs, SchemaService schemas, ProjectService projects, CurrentUser currentUser)
{
    private Actor? _actor;

    public string? TeamId { get; private set; }
    public TeamRole? Role { get; private set; }
    public bool CanRun => Role is { } role && AccessControl.Allows(role, TeamPermission.RunCodeGeneration);
    public string? WhyCannotRun => Role is null && Loading ? null : RoleGate.WhyNot(Role, TeamPermission.RunCodeGeneration);

    public IReadOnlyList<Project> Projects { get; private set; } = [];
    public string? ProjectId { get; private set; }
    public IReadOnlyList<SchemaSummary> Schemas { get; private set; } = [];
    public string? SchemaId { get; private set; }
    public SchemaSummary? Schema => Schemas.FirstOrDefault(s => s.Id == SchemaId);

    /// <summary>The version to generate from; null for the latest.</summary>
    public long? Version { get; set; }
    public HashSet<CodeTarget> Targets { get; } = [.. CodeGenerator.AllTargets];

    public bool Loading { get; private set; } = true;
    public bool Busy { get; private set; }
    public string? Error { get; private set; }

    public CodeGenerationPreview? Preview { get; private set; }

    public async Task InitializeAsync(string? projectId, string? runId, CodeGenerationScreenState? prerendered)
    {
        _actor = await currentUser.GetActorAsync();
        if (prerendered is not null && prerendered.UserId == _actor.UserId && (projectId is null || projectId == prerendered.ProjectId)
            && (runId is null || runId == prerendered.SelectedRunId))
        {
            (TeamId, Role, Projects, ProjectId, Schemas, SchemaId, _runs, SelectedRunId, Loading) = (prerendered.TeamId, prerendered.Role,
                prerendered.Projects, prerendered.ProjectId, prerendered.Schemas, prerendered.SchemaId, [.. prerendered.Runs], prerendered.SelectedRunId, false);
            return;
        }
        var teamId = TeamId = await currentUser.GetTeamIdAsync();
        try
        {
            Role = (await currentUser.GetMembershipAsync(teamId)).Role;
            Projects = (await projects.ListAsync(_actor, teamId, new ProjectListQuery { PageSize = ProjectRules.MaxPageSize })).Items;
        }
        catch (Exception e) when (DomainCall.MessageOf(e) is { } message)
        {
            Error = message;
        }
        var project = Projects.FirstOrDefault(p => p.Id == projectId) ?? Projects.FirstOrDefault();
        if (projectId is not null && project?.Id != projectId) Error = "That project does not exist in this team; showing another.";
        await SelectProjectAsync(project?.Id);
        if (runId is not null) await OpenRunAsync(runId);
    }

    public CodeGenerationScreenState? Snapshot() => _actor is null || Error is not null || Loading ? null
        : new CodeGenerationScreenState(_actor.UserId, TeamId, Role, Projects, ProjectId, Schemas, SchemaId, _runs, SelectedRunId);

    public async Task SelectProjectAsync(string? projectId)
    {
        ProjectId = projectId;
        (Schemas, SchemaId, Version, Preview, SelectedRunId, Diff, _runs) = ([], null, null, null, null, null, []);
        if (projectId is null)
        {
            Loading = false;
            return;
        }
        Loading = true;
        var listed = await DomainCall.RunAsync(() => schemas.ListAsync(Actor, projectId, 100));
        Schemas = listed.Value?.Items ?? [];
        SchemaId = Schemas.FirstOrDefault()?.Id;
        var error = listed.Error ?? await LoadRunsAsync();
        Error = error ?? (Error?.StartsWith("That project", StringComparison.Ordinal) == true ? Error : null);
        Loading = false;
    }

    public void SelectSchema(string? schemaId)
    {
        (SchemaId, Version, Preview) = (schemaId, null, null);
    }

    public void SetTarget(CodeTarget target, bool chosen)
    {
        if (chosen) Targets.Add(target);
        else Targets.Remove(target);
        Preview = null;
    }

    /// <summary>Generates in memory and shows the file tree and <paramref name="path"/> (the first file when null); queues nothing.</summary>
    public async Task PreviewAsync(string? path = null)
    {
        if (ProjectId is null || SchemaId is null) return;
        Busy = true;
        var result = await DomainCall.RunAsync(() => runs.PreviewAsync(Actor, ProjectId, SchemaId, Version, Targets, path));
        (Preview, Error, Busy) = (result.Value ?? Preview, result.Error, false);
    }

    /// <summary>Queues a run; it shows at once from the write's answer and becomes the open run.</summary>
    public async Task<CodeGenerationRun?> GenerateAsync()
    {
        if (ProjectId is null || SchemaId is null) return null;
        Busy = true;
        var result = await DomainCall.RunAsync(() => runs.EnqueueAsync(Actor, ProjectId, SchemaId, Version, Targets));
        (Error, Busy) = (result.Error, false);
        if (result.Value is not { } run) return null;
        Apply(run);
        (SelectedRunId, Diff) = (run.Id, null);
        return run;
    }

    private Actor Actor => _actor ?? throw new InvalidOperationException("The screen is not initialized.");
}
