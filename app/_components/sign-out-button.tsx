import { signOut } from "@/server/auth";

/**
 * "退出登录" as a form posting to a server action: no next-auth/react in every page's JavaScript, and it
 * works before hydration. Auth.js's signOut clears the cookie (and runs its signOut event) and redirects home.
 */
export function SignOutButton({ label }: { label: string }) {
  return (
    <form
      action={async () => {
        "use server";
        await signOut({ redirectTo: "/" });
      }}
    >
      <button type="submit" className="w-full rounded px-2 py-1 text-left text-sm text-slate-700 hover:bg-slate-100 lg:w-auto">
        {label}
      </button>
    </form>
  );
}
