using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Storage.Queues;
using DevPlatform.Core.Uploads;

namespace DevPlatform.Core.CodeGeneration;

/// <summary>Sends the run's message on the code-generation queue; owed by the write that queued the run.</summary>
public sealed record DispatchCodeGeneration(string RunId) : OwedEffect;

/// <summary>Deletes every run of a deleted project (the archives go by prefix).</summary>
public sealed record DeleteCodeGenerationsOfProject(string ProjectId) : OwedEffect;

/// <summary>The body of a code-generation queue message.</summary>
public sealed record CodeGenerationMessage(string RunId);

/// <summary>Runs the code-generation area's owed effects; both are idempotent (a second message is skipped by the worker).</summary>
public sealed class CodeGenerationEffects(IMessageQueue queue, IDocumentStore documents) : IOwedEffectHandler
{
    public const string Queue = "code-generation";

    public bool Handles(OwedEffect effect) => effect is DispatchCodeGeneration or DeleteCodeGenerationsOfProject;

    public async Task RunAsync(OwedEffect effect, CancellationToken ct)
    {
        switch (effect)
        {
            case DispatchCodeGeneration dispatch:
                await queue.SendAsync(Queue, DocumentJson.Serialize(new CodeGenerationMessage(dispatch.RunId)), ct);
                break;
            case DeleteCodeGenerationsOfProject project:
                string? token = null;
                do
                {
                    var page = await documents.QueryAsync(CodeGenerationRecords.Table, new DocumentQuery(CodeGenerationRecords.ProjectPartition(project.ProjectId))
                    {
                        IndexName = CodeGenerationRecords.ByProject, Limit = 100, ContinuationToken = token,
                    }, ct);
                    foreach (var item in page.Items) await documents.DeleteAsync(CodeGenerationRecords.Table, item.Key, WriteCondition.None, ct);
                    token = page.ContinuationToken;
                } while (token is not null);
                break;
        }
    }
}

/// <summary>What a project's delete owes code generation: its runs and every archive under code-generations/{projectId}/.</summary>
public sealed class CodeGenerationProjectCleanUp : IProjectDeletionEffects
{
    public IEnumerable<OwedEffect> For(Project project) =>
        [new DeleteCodeGenerationsOfProject(project.Id), new DeleteBlobsUnder($"code-generations/{project.Id}/")];
}
