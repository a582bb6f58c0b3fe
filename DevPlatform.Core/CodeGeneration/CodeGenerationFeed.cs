using DevPlatform.Core.Common;
using DevPlatform.Core.Storage.Notifications;
using Microsoft.Extensions.Logging;

namespace DevPlatform.Core.CodeGeneration;

/// <summary>What the code-generation topic carries: a run as it is now, and when it has just succeeded, where to get it.</summary>
/// <param name="DownloadLink">The API route that answers a fresh download link (links themselves expire, so none is published).</param>
/// <param name="PageLink">The page that shows the run.</param>
public sealed record CodeGenerationNotice(CodeGenerationRun Run, string? DownloadLink = null, string? PageLink = null);

/// <summary>
/// Live runs for open pages: one subscription to the code-generation topic (so runs on any instance's worker show),
/// fanned out to listeners per project (<see cref="KeyedFanOut{T}"/>): a slow screen delays nobody, and a screen that
/// falls behind drops the oldest progress first (it only needs the latest).
/// </summary>
public sealed class CodeGenerationFeed(INotificationBus notifications, ILogger<CodeGenerationFeed> logger) : IDisposable
{
    internal const int ListenerCapacity = KeyedFanOut<CodeGenerationNotice>.ListenerCapacity;

    private readonly KeyedFanOut<CodeGenerationNotice> _fanOut = new(notifications, Topics.CodeGeneration, n => n.Run.ProjectId, "project",
        n => $"a change of {n.Run.Id}", logger);

    internal int ListenerCount => _fanOut.ListenerCount;

    /// <summary>Calls <paramref name="onRun"/> for each change of a run of the project, in order, until disposed.</summary>
    public IDisposable Subscribe(string projectId, Func<CodeGenerationNotice, Task> onRun) => _fanOut.Subscribe(projectId, onRun);

    public void Dispose() => _fanOut.Dispose();
}
