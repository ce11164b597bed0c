// Helpers of the two screenshot programs: let the windows settle, then save a window as a PNG.
#pragma once

#include "StoreService.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTextStream>
#include <QWidget>

namespace ScreenshotTools {
// Paint and layout passes as well as the store's answers.
inline void settle(StoreService &service, int minimumMs = 600)
{
    QElapsedTimer timer;
    timer.start();
    while ((service.pendingRequests() > 0 || timer.elapsed() < minimumMs) && timer.elapsed() < 20000) {
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    }
}

inline bool save(QWidget *w, const QString &dir, const QString &name)
{
    const QString path = QDir(dir).filePath(name);
    const bool ok = w->grab().save(path);
    QTextStream(stdout) << (ok ? "wrote " : "could not write ") << path << '\n';
    return ok;
}
} // namespace ScreenshotTools
