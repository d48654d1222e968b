/* Test-only stand-in for bcryptprimitives.dll under Wine 8 (Debian bookworm), which does not
 * have it. Rust's std (1.78 and later) takes its random bytes from ProcessPrng there; this DLL
 * answers with BCryptGenRandom, which Wine has. Never shipped with avma.exe: Windows 10 and
 * later have the real DLL. */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
