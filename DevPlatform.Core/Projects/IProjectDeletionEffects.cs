using DevPlatform.Core.Convergence;

namespace DevPlatform.Core.Projects;

/// <summary>
/// An area that keeps things per project (architectures, documentation) names the work a project's delete owes it —
/// deleting its items and files — so that work is carried by the project's tombstone and finished even after a crash.
/// </summary>
public interface IProjectDeletionEffects
{
    /// <summary>Idempotent effects (each may run more than once), run after the project is gone from every read.</summary>
    IEnumerable<OwedEffect> For(Project project);
}
